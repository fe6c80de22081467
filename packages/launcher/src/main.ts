/**
 * `pnpm start`: the whole graph from one command.
 *
 * - DATABASE_URL set: use that server. Unset: start an embedded PostgreSQL whose data lives in
 *   .data/postgres and survives restarts.
 * - REDIS_URL set: events fan out through Redis. Unset: an in-process event bus (every subgraph
 *   runs in this process, so it reaches them all).
 * - Migrates, seeds the demo data when the database is empty, starts the six subgraphs and the
 *   gateway, and prints where everything is. Ctrl-C stops it all.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { commonSettings, ConfigError, createLogger, loadConfig, portSetting, stopOnSignals } from '@sixfold/kit';
import { migrate, seed } from '@sixfold/db';
import { loadSupergraph, supergraphPath } from '@sixfold/gateway';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { startGraph, type RunningGraph } from './graph.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const settings = {
  DATABASE_URL: commonSettings.DATABASE_URL.optional(),
  DATABASE_READ_URL: commonSettings.DATABASE_READ_URL,
  REDIS_URL: commonSettings.REDIS_URL,
  REDIS_PREFIX: commonSettings.REDIS_PREFIX,
  LOG_LEVEL: commonSettings.LOG_LEVEL.default('warn'),
  IDENTITY_SECRET: commonSettings.IDENTITY_SECRET.optional(),
  PORT: portSetting(4000),
  DATA_DIR: z.string().default(join(REPO_ROOT, '.data')),
  EMBEDDED_PG_PORT: portSetting(54329),
  SEED_SCALE: z.coerce.number().int().min(1).max(10_000).default(1),
  DB_POOL_MAX: commonSettings.DB_POOL_MAX.default(5),
  DB_CONNECT_TIMEOUT_MS: commonSettings.DB_CONNECT_TIMEOUT_MS,
  DB_TRANSACTION_TIMEOUT_MS: commonSettings.DB_TRANSACTION_TIMEOUT_MS,
};

const say = (line: string) => console.log(line);

let config;
let supergraphSdl: string;
try {
  config = loadConfig(settings);
  supergraphSdl = loadSupergraph(supergraphPath());
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(1);
}

const dataDir = resolve(config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
const logger = createLogger(config.LOG_LEVEL, 'sixfold');

let embedded: EmbeddedDatabase | undefined;
let graph: RunningGraph | undefined;
async function stopAll() {
  await graph?.stop();
  await embedded?.stop();
}
stopOnSignals(stopAll, say);

try {
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(dataDir, config.EMBEDDED_PG_PORT, say);
    databaseUrl = embedded.url;
  }
  const identitySecret = config.IDENTITY_SECRET ?? localSecret(join(dataDir, 'identity-secret'));

  say('database: migrating');
  await migrate(databaseUrl, { log: (line) => logger.info(line) });
  const seeded = await seed(databaseUrl, { scale: config.SEED_SCALE, log: say });
  const demoKeyFile = join(dataDir, 'demo-admin-key');
  if (seeded.secrets.demoAdminKey) writeFileSync(demoKeyFile, `${seeded.secrets.demoAdminKey}\n`, { mode: 0o600 });

  graph = await startGraph({
    databaseUrl,
    databaseReadUrl: config.DATABASE_READ_URL,
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    identitySecret,
    logger,
    supergraphSdl,
    port: config.PORT,
    poolMax: config.DB_POOL_MAX,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    transactionTimeoutMs: config.DB_TRANSACTION_TIMEOUT_MS,
  });
  const { gateway, subgraphs, bus } = graph;

  say('');
  say(`Sixfold is running: ${gateway.url} (HTTP and WebSocket)`);
  say(`  subgraphs: ${subgraphs.map((s) => `${s.name} :${s.port}`).join(', ')}`);
  say(`  database:  ${embedded ? `embedded PostgreSQL in ${join(dataDir, 'postgres')}` : 'DATABASE_URL'}${config.DATABASE_READ_URL ? ', queries from DATABASE_READ_URL' : ''}`);
  say(`  events:    ${bus.kind === 'redis' ? 'Redis' : 'in-process (set REDIS_URL to fan out across replicas)'}`);
  if (existsSync(demoKeyFile)) say(`  demo admin API key: ${readFileSync(demoKeyFile, 'utf8').trim()}  (send as "Authorization: Bearer <key>")`);
  say('Press Ctrl-C to stop.');
} catch (error) {
  console.error(`start failed: ${(error as Error).message}`);
  await stopAll().catch(() => {});
  process.exit(1);
}

/** A random secret kept in the data folder, so local restarts keep verifying each other. */
function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
