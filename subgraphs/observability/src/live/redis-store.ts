import { createRedis, type Logger, type Redis } from '@sixfold/kit';
import { pairKey, type CurrentStatus } from '../status/current.js';
import { HIGHEST_FIRST, RANKING_TTL_SECONDS, STATUS_TTL_SECONDS, TRENDING_TTL_SECONDS, liveKeys, type LiveStatusStore, type Ranked } from './store.js';

/**
 * Replaces a status hash unless the cached one is newer: two replicas may finish batches for the
 * same model and region out of order, and the older must not win.
 * KEYS[1] the hash; ARGV: last_updated, ttl, then field/value pairs.
 */
const PUT_STATUS = `
local cached = redis.call('HGET', KEYS[1], 'last_updated')
if cached and cached > ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'last_updated', ARGV[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Applies ZADD or ZINCRBY (ARGV[1]) with score/member pairs to a sorted set, only if it exists:
 * a set is created whole from the database, never from one batch's members.
 */
const UPDATE_IF_CACHED = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV, 2 do redis.call(ARGV[1], KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1`;

const iso = (value: Date | string) => (typeof value === 'string' ? value : value.toISOString());
const numberOrNull = (value: string | undefined) => (value === undefined || value === '' ? null : Number(value));

function toHashFields(status: CurrentStatus): string[] {
  const fields: Array<[string, number | null]> = [
    ['availability', status.availability],
    ['latency_p50', status.latencyP50],
    ['latency_p95', status.latencyP95],
    ['latency_p99', status.latencyP99],
    ['error_rate', status.errorRate],
    ['rpm', status.requestsPerMinute],
    ['tpm', status.tokensPerMinute],
    ['probe_count', status.probeCount],
  ];
  return fields.filter(([, value]) => value !== null).flatMap(([name, value]) => [name, String(value)]);
}

function fromHash(modelId: string, region: string, hash: Record<string, string>): CurrentStatus | undefined {
  if (!hash.last_updated || hash.availability === undefined) return undefined;
  return {
    modelId,
    region,
    availability: Number(hash.availability),
    latencyP50: numberOrNull(hash.latency_p50),
    latencyP95: numberOrNull(hash.latency_p95),
    latencyP99: numberOrNull(hash.latency_p99),
    errorRate: Number(hash.error_rate),
    requestsPerMinute: numberOrNull(hash.rpm),
    tokensPerMinute: numberOrNull(hash.tpm),
    probeCount: Number(hash.probe_count),
    updatedAt: hash.last_updated,
  };
}

/** `[member, score, member, score, …]` (ZRANGE … WITHSCORES) as entries. */
function entries(flat: string[]): Ranked[] | undefined {
  if (flat.length === 0) return undefined;
  const ranked: Ranked[] = [];
  for (let i = 0; i < flat.length; i += 2) ranked.push({ modelId: flat[i]!, score: Number(flat[i + 1]) });
  return ranked;
}

const scorePairs = (ranked: Iterable<Ranked>) => [...ranked].flatMap(({ modelId, score }) => [String(score), modelId]);

export function createRedisStatusStore(url: string, prefix: string, logger: Logger): LiveStatusStore {
  const redis: Redis = createRedis(url, logger, 'observability-live-status');
  const keys = liveKeys(prefix);
  /**
   * Runs a cache operation unless Redis is away (then every command would fail anyway: skip
   * straight to the fallback). Errors are logged, never thrown.
   */
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (redis.status !== 'ready') return undefined;
    try {
      return await fn();
    } catch (error) {
      logger.warn({ err: (error as Error).message, what }, 'live status cache unavailable');
      return undefined;
    }
  };
  const replaceSortedSet = (key: string, ranked: readonly Ranked[], ttlSeconds: number) =>
    // One transaction: readers see the old set or the new one, never a half-written one.
    redis.multi().del(key).zadd(key, ...scorePairs(ranked)).expire(key, ttlSeconds).exec();

  return {
    kind: 'redis',
    async record(statuses, scores) {
      await attempt('record', async () => {
        const pipeline = redis.pipeline();
        for (const status of statuses) {
          pipeline.eval(PUT_STATUS, 1, keys.status(status.modelId, status.region), iso(status.updatedAt), String(STATUS_TTL_SECONDS), ...toHashFields(status));
        }
        const byRanking = new Map<string, Ranked[]>();
        for (const { metric, region, modelId, score } of scores) {
          const key = keys.ranking(metric, region);
          byRanking.set(key, [...(byRanking.get(key) ?? []), { modelId, score }]);
        }
        for (const [key, ranked] of byRanking) pipeline.eval(UPDATE_IF_CACHED, 1, key, 'ZADD', ...scorePairs(ranked));
        await pipeline.exec();
      });
    },
    async statuses(pairs) {
      if (pairs.length === 0) return new Map();
      return attempt('read statuses', async () => {
        const pipeline = redis.pipeline();
        for (const { modelId, region } of pairs) pipeline.hgetall(keys.status(modelId, region));
        const results = (await pipeline.exec()) ?? [];
        const found = new Map<string, CurrentStatus>();
        pairs.forEach((pair, i) => {
          const [error, hash] = results[i] ?? [];
          const status = error ? undefined : fromHash(pair.modelId, pair.region, hash as Record<string, string>);
          if (status) found.set(pairKey(pair), status);
        });
        return found;
      });
    },
    async ranking(metric, region, first) {
      const key = keys.ranking(metric, region);
      return attempt('read ranking', async () =>
        entries(HIGHEST_FIRST[metric] ? await redis.zrange(key, 0, String(first - 1), 'REV', 'WITHSCORES') : await redis.zrange(key, 0, String(first - 1), 'WITHSCORES')),
      );
    },
    async storeRanking(metric, region, ranked) {
      if (ranked.length) await attempt('store ranking', () => replaceSortedSet(keys.ranking(metric, region), ranked, RANKING_TTL_SECONDS));
    },
    async countViews(day, views) {
      if (views.size === 0) return;
      const counts = [...views].map(([modelId, score]) => ({ modelId, score }));
      await attempt('count views', () => redis.eval(UPDATE_IF_CACHED, 1, keys.trending(day), 'ZINCRBY', ...scorePairs(counts)));
    },
    async trending(day, first) {
      return attempt('read trending', async () => entries(await redis.zrange(keys.trending(day), 0, String(first - 1), 'REV', 'WITHSCORES')));
    },
    async storeTrending(day, counts) {
      if (counts.length) await attempt('store trending', () => replaceSortedSet(keys.trending(day), counts, TRENDING_TTL_SECONDS));
    },
    async close() {
      redis.disconnect();
    },
  };
}
