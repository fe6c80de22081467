import { badInput, listConnection, requireAdmin, uuidArg } from '@sixfold/kit';
import type { QueryResolvers } from '../generated/graphql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { parseDay, topViewed, trendingFromDatabase } from '../analytics/trending.js';
import { dailyStats } from '../analytics/daily-stats.js';
import { rank, rankingFromDatabase } from '../status/rankings.js';
import { assertKnownRegion, assertListSize } from './validation.js';

const MAX_STATS_DAYS = 366;

export const Query: QueryResolvers = {
  async incidents(_root, { filter, ...args }, ctx) {
    const conditions: Prisma.IncidentWhereInput[] = [];
    if (filter?.status?.length) conditions.push({ status: { in: filter.status } });
    if (filter?.severities?.length) conditions.push({ severity: { in: filter.severities } });
    if (filter?.open != null) conditions.push({ status: filter.open ? { not: 'RESOLVED' } : 'RESOLVED' });
    if (filter?.modelId) conditions.push({ modelId: uuidArg('filter.modelId', filter.modelId) });
    if (filter?.providerId) conditions.push({ providerId: uuidArg('filter.providerId', filter.providerId) });
    if (filter?.region) conditions.push({ OR: [{ regions: { has: filter.region } }, { regions: { isEmpty: true } }] });
    if (filter?.startedAfter) conditions.push({ startedAt: { gte: new Date(filter.startedAfter) } });
    if (filter?.startedBefore) conditions.push({ startedAt: { lt: new Date(filter.startedBefore) } });
    const where = { AND: conditions };
    return listConnection(ctx.db, args, (tx, { skip, take }) => [
      tx.incident.findMany({ where, orderBy: [{ startedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.incident.count({ where }),
    ]);
  },

  incident: (_root, { id }, ctx) => ctx.loaders.incidentById.load(uuidArg('id', id)),

  async rankings(_root, { by, region, first }, ctx) {
    assertListSize(first);
    await assertKnownRegion(ctx, region);
    const cached = await ctx.live.ranking(by, region ?? null, first);
    if (cached) return rank(cached, by, first);
    const ranking = await ctx.db.run((tx) => rankingFromDatabase(tx, by, region ?? null));
    await ctx.live.storeRanking(by, region ?? null, ranking);
    return rank(ranking, by, first);
  },

  async trendingModels(_root, { day, first }, ctx) {
    assertListSize(first);
    const utcDay = parseDay(day);
    const cached = await ctx.live.trending(utcDay, first);
    if (cached) return topViewed(cached, first);
    const counts = await ctx.db.run((tx) => trendingFromDatabase(tx, utcDay));
    await ctx.live.storeTrending(utcDay, counts);
    return topViewed(counts, first);
  },

  regions(_root, _args, ctx) {
    return ctx.db.run((tx) => tx.region.findMany({ orderBy: { slug: 'asc' } }));
  },

  databaseHealth(_root, _args, ctx) {
    requireAdmin(ctx.identity);
    return {};
  },

  analyticsDailyStats(_root, { from, to, eventType }, ctx) {
    requireAdmin(ctx.identity);
    const [start, end] = [new Date(from), new Date(to)];
    if (end <= start) throw badInput('to', 'must be after from');
    if (end.getTime() - start.getTime() > MAX_STATS_DAYS * 24 * 60 * 60 * 1000) throw badInput('from', `covers at most ${MAX_STATS_DAYS} days`);
    return ctx.db.run((tx) => dailyStats(tx, start, end, eventType ?? null));
  },
};
