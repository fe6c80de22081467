import type { Db } from '@sixfold/kit';
import type { TenancyTx } from './context.js';

/** Creates the coming months' partitions and drops those past retention (app.maintain_partitions). */
export const maintainPartitions = (db: Db<TenancyTx>) => db.run((tx) => tx.$executeRaw`SELECT app.maintain_partitions()`);

/** Recomputes the statistics views (app.refresh_statistics); answers when they were refreshed. */
export const refreshStatistics = (db: Db<TenancyTx>) =>
  db.run(async (tx) => (await tx.$queryRaw<[{ refreshed: Date }]>`SELECT app.refresh_statistics() AS refreshed`)[0].refreshed);
