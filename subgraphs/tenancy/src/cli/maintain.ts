/**
 * `pnpm --filter @sixfold/tenancy maintain`: what a scheduler runs (monthly at least, hourly is
 * fine): partition maintenance and a statistics refresh, against DATABASE_URL, as the system.
 */
import { commonSettings, ConfigError, createPrismaClient, loadConfig, ShortTransactionDb } from '@sixfold/kit';
import type { TenancyTx } from '../context.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { maintainPartitions, refreshStatistics } from '../maintenance.js';

try {
  const { DATABASE_URL } = loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL });
  const prisma = createPrismaClient(PrismaClient as never, { url: DATABASE_URL, poolMax: 1, connectTimeoutMs: 5_000, applicationName: 'sixfold-tenancy-maintain' }) as PrismaClient;
  const system = new ShortTransactionDb<TenancyTx>(prisma as never, {
    role: 'sixfold_tenancy',
    identity: { kind: 'service', userId: null, organizationIds: [], roles: ['admin'], scopes: [] },
    timeoutMs: 300_000,
  });
  await maintainPartitions(system);
  console.log(`tenancy: partitions maintained; statistics refreshed at ${(await refreshStatistics(system)).toISOString()}`);
  await prisma.$disconnect();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `tenancy maintenance failed: ${(error as Error).message}`);
  process.exit(1);
}
