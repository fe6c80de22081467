/**
 * `pnpm --filter @sixfold/fsm refresh-workload`: refreshes the operator workload materialized view
 * once. Schedule it every few minutes (cron, a Kubernetes CronJob) where pg_cron is not available;
 * where it is, the migration has scheduled the same refresh in the database.
 */
import { commonSettings, ConfigError, createLogger, createPrismaClient, loadConfig, ShortTransactionDb, type Identity } from '@sixfold/kit';
import type { FsmTx } from '../context.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { refreshOperatorWorkload } from '../workload.js';

/** The refresh function brings the rights it needs; the command itself acts as nobody in particular. */
const REFRESH_IDENTITY: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: [] };

let config;
try {
  config = loadConfig({
    DATABASE_URL: commonSettings.DATABASE_URL,
    LOG_LEVEL: commonSettings.LOG_LEVEL,
    DB_CONNECT_TIMEOUT_MS: commonSettings.DB_CONNECT_TIMEOUT_MS,
    DB_TRANSACTION_TIMEOUT_MS: commonSettings.DB_TRANSACTION_TIMEOUT_MS,
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL, 'sixfold-fsm-refresh-workload');
const prisma = createPrismaClient(PrismaClient as never, {
  url: config.DATABASE_URL,
  poolMax: 1,
  connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  applicationName: 'sixfold-fsm-refresh-workload',
  logger,
}) as InstanceType<typeof PrismaClient>;
const db = new ShortTransactionDb<FsmTx>(prisma as never, {
  role: 'sixfold_fsm',
  identity: REFRESH_IDENTITY,
  timeoutMs: config.DB_TRANSACTION_TIMEOUT_MS,
  maxWaitMs: config.DB_CONNECT_TIMEOUT_MS,
});

const started = Date.now();
try {
  const rows = await refreshOperatorWorkload(db);
  logger.info({ rows, ms: Date.now() - started }, 'operator workload refreshed');
} catch (error) {
  logger.error({ err: error }, 'operator workload refresh failed');
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
