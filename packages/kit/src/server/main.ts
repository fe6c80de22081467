import { z } from 'zod';
import { commonSettings, ConfigError, loadConfig, portSetting } from '../config.js';
import { createEventBus } from '../events.js';
import { createLogger } from '../logger.js';
import type { SubgraphContext } from './context.js';
import { startSubgraph, type SubgraphDefinition } from './subgraph.js';

/**
 * Runs `stop` on SIGINT/SIGTERM, then exits. A second signal exits at once: a stop that hangs
 * (a stuck connection, a database that does not answer) must not need a kill -9.
 */
export function stopOnSignals(stop: () => Promise<unknown>, log: (message: string) => void = console.log): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) {
      log(`${signal} received again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal} received, stopping…`);
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Runs one subgraph as its own process, configured from the environment. */
export async function runSubgraphProcess<Tx, Ctx extends SubgraphContext<Tx>>(definition: SubgraphDefinition<Tx, Ctx>): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...commonSettings, PORT: portSetting(definition.defaultPort), HOST: z.string().default('127.0.0.1') });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, `sixfold-${definition.name}`);
  const bus = createEventBus({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger });
  const running = await startSubgraph(definition, {
    port: config.PORT,
    host: config.HOST,
    databaseUrl: config.DATABASE_URL,
    databaseReadUrl: config.DATABASE_READ_URL,
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    identitySecret: config.IDENTITY_SECRET,
    bus,
    logger,
    poolMax: config.DB_POOL_MAX,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    transactionTimeoutMs: config.DB_TRANSACTION_TIMEOUT_MS,
  });
  stopOnSignals(async () => {
    await running.stop();
    await bus.close();
  }, (m) => logger.info(m));
}
