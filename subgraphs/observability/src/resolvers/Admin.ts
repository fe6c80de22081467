import type { DatabaseHealthResolvers, SlowQueryResolvers } from '../generated/graphql.js';
import { connectionStats, tableSizes } from '../health.js';
import { assertListSize } from './validation.js';

/** Reached only through `Query.databaseHealth`, which lets admins alone through. */
export const DatabaseHealth: DatabaseHealthResolvers = {
  connections: (_health, _args, ctx) => ctx.db.run(connectionStats),
  tables(_health, { first }, ctx) {
    assertListSize(first);
    return ctx.db.run((tx) => tableSizes(tx, first));
  },
  slowQueries(_health, { first, since }, ctx) {
    assertListSize(first);
    const from = since ? new Date(since) : new Date(Date.now() - 24 * 60 * 60 * 1000);
    return ctx.db.run((tx) => tx.slowQuery.findMany({ where: { timestamp: { gte: from } }, orderBy: [{ durationMs: 'desc' }, { id: 'desc' }], take: first }));
  },
};

export const SlowQuery: SlowQueryResolvers = {
  id: (query) => String(query.id),
};
