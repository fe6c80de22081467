import { commonSettings, createEventBus, createLogger, createPrismaClient, loadConfig, ShortTransactionDb, type EventBus, type Identity, type Logger } from '@sixfold/kit';
import type { CatalogTx } from '../context.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { catalogSettings } from '../config.js';

/** Commands act as the system itself: admin, outside any user's request. */
const SYSTEM: Identity = { kind: 'service', userId: null, organizationIds: [], roles: ['admin'], scopes: [] };

export interface Standalone {
  db: ShortTransactionDb<CatalogTx>;
  bus: EventBus;
  logger: Logger;
  settings: ReturnType<typeof loadConfig<typeof catalogSettings>>;
  close(): Promise<void>;
}

/** What a catalog command needs outside the subgraph server: the database as the catalog role, the event bus, a logger. */
export function standalone(name: string): Standalone {
  const env = loadConfig({
    DATABASE_URL: commonSettings.DATABASE_URL,
    REDIS_URL: commonSettings.REDIS_URL,
    REDIS_PREFIX: commonSettings.REDIS_PREFIX,
    LOG_LEVEL: commonSettings.LOG_LEVEL,
    DB_CONNECT_TIMEOUT_MS: commonSettings.DB_CONNECT_TIMEOUT_MS,
  });
  const logger = createLogger(env.LOG_LEVEL, `sixfold-catalog-${name}`);
  const prisma = createPrismaClient(PrismaClient, { url: env.DATABASE_URL, poolMax: 2, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS, applicationName: `sixfold-catalog-${name}`, logger });
  const bus = createEventBus({ redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
  const db = new ShortTransactionDb<CatalogTx>(prisma as never, { role: 'sixfold_catalog', identity: SYSTEM, timeoutMs: 120_000, maxWaitMs: env.DB_CONNECT_TIMEOUT_MS });
  return {
    db,
    bus,
    logger,
    settings: loadConfig(catalogSettings),
    async close() {
      await bus.close();
      await prisma.$disconnect();
    },
  };
}
