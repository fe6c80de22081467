/**
 * `pnpm --filter @sixfold/agent refresh-views`: recomputes the agent's usage summaries (the
 * materialized views of migrations/006) against DATABASE_URL, without blocking their readers.
 * Run it on a schedule (cron, pg_cron, a Kubernetes CronJob); the refreshAnalytics mutation does
 * the same on demand.
 */
import { commonSettings, ConfigError, createPrismaClient, loadConfig } from '@sixfold/kit';
import { PrismaClient } from '../generated/prisma/client.js';

try {
  const { DATABASE_URL, DB_CONNECT_TIMEOUT_MS } = loadConfig({
    DATABASE_URL: commonSettings.DATABASE_URL,
    DB_CONNECT_TIMEOUT_MS: commonSettings.DB_CONNECT_TIMEOUT_MS,
  });
  const prisma = createPrismaClient(PrismaClient as never, {
    url: DATABASE_URL,
    poolMax: 1,
    connectTimeoutMs: DB_CONNECT_TIMEOUT_MS,
    applicationName: 'sixfold-agent-refresh-views',
  }) as InstanceType<typeof PrismaClient>;
  const started = Date.now();
  try {
    await prisma.$executeRaw`SELECT agent.refresh_analytics_views()`;
  } finally {
    await prisma.$disconnect();
  }
  console.log(`refresh-views: agent summaries refreshed in ${Date.now() - started} ms`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `refresh-views: ${(error as Error).message}`);
  process.exit(1);
}
