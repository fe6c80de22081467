import { pairKey, type CurrentStatus } from '../status/current.js';
import { HIGHEST_FIRST, RANKING_TTL_SECONDS, STATUS_TTL_SECONDS, TRENDING_TTL_SECONDS, type LiveStatusStore, type Ranked, type RankingMetric } from './store.js';

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * The live status store of one process (the one-command local run, without REDIS_URL): the Redis
 * store's behaviour, TTLs and tie-breaks included, in maps.
 */
export function createMemoryStatusStore(now: () => number = Date.now): LiveStatusStore {
  const statuses = new Map<string, Expiring<CurrentStatus>>();
  const sortedSets = new Map<string, Expiring<Map<string, number>>>();
  const live = <T>(entry: Expiring<T> | undefined) => (entry && entry.expiresAt > now() ? entry.value : undefined);
  const rankingKey = (metric: RankingMetric, region: string | null) => `ranking:${metric}:${region ?? 'all'}`;
  const trendingKey = (day: string) => `trending:${day}`;
  // Ties in order of member, descending when the highest score comes first: as Redis does.
  const top = (set: Map<string, number> | undefined, first: number, highestFirst: boolean): Ranked[] | undefined => {
    if (!set?.size) return undefined;
    const direction = highestFirst ? -1 : 1;
    return [...set]
      .sort(([a, x], [b, y]) => direction * (x - y || a.localeCompare(b)))
      .slice(0, first)
      .map(([modelId, score]) => ({ modelId, score }));
  };
  const replace = (key: string, ranked: readonly Ranked[], ttlSeconds: number) => {
    if (ranked.length) sortedSets.set(key, { value: new Map(ranked.map((r) => [r.modelId, r.score])), expiresAt: now() + ttlSeconds * 1000 });
  };

  return {
    kind: 'in-process',
    async record(newStatuses, scores) {
      for (const status of newStatuses) {
        const key = pairKey(status);
        const cached = live(statuses.get(key));
        if (cached && new Date(cached.updatedAt) > new Date(status.updatedAt)) continue;
        statuses.set(key, { value: { ...status }, expiresAt: now() + STATUS_TTL_SECONDS * 1000 });
      }
      for (const { metric, region, modelId, score } of scores) live(sortedSets.get(rankingKey(metric, region)))?.set(modelId, score);
    },
    async statuses(pairs) {
      const found = new Map<string, CurrentStatus>();
      for (const pair of pairs) {
        const status = live(statuses.get(pairKey(pair)));
        if (status) found.set(pairKey(pair), status);
      }
      return found;
    },
    async ranking(metric, region, first) {
      return top(live(sortedSets.get(rankingKey(metric, region))), first, HIGHEST_FIRST[metric]);
    },
    async storeRanking(metric, region, ranked) {
      replace(rankingKey(metric, region), ranked, RANKING_TTL_SECONDS);
    },
    async countViews(day, views) {
      const counts = live(sortedSets.get(trendingKey(day)));
      if (!counts) return;
      for (const [modelId, count] of views) counts.set(modelId, (counts.get(modelId) ?? 0) + count);
    },
    async trending(day, first) {
      return top(live(sortedSets.get(trendingKey(day))), first, true);
    },
    async storeTrending(day, counts) {
      replace(trendingKey(day), counts, TRENDING_TTL_SECONDS);
    },
    async close() {
      statuses.clear();
      sortedSets.clear();
    },
  };
}
