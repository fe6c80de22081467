/**
 * The live status store, against the real Redis and as the in-process stand-in: the same
 * behaviour from both (TTLs, rankings, trending), which the subgraph relies on.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@sixfold/kit';
import { Redis } from 'ioredis';
import { createMemoryStatusStore } from '../src/live/memory-store.js';
import { createRedisStatusStore } from '../src/live/redis-store.js';
import { liveKeys, RANKING_TTL_SECONDS, STATUS_TTL_SECONDS, type LiveStatusStore } from '../src/live/store.js';
import type { CurrentStatus } from '../src/status/current.js';
import { connected } from './support.js';

const logger = createLogger('silent');
const redisPrefix = `${process.env.REDIS_PREFIX}live-store:`;
const inspector = new Redis(process.env.REDIS_URL!);
afterAll(async () => {
  const leftovers = await inspector.keys(`${redisPrefix}*`);
  if (leftovers.length) await inspector.del(...leftovers);
  await inspector.quit();
});

const status = (modelId: string, region: string, overrides: Partial<CurrentStatus> = {}): CurrentStatus => ({
  modelId,
  region,
  availability: 99.5,
  latencyP50: 200,
  latencyP95: 450,
  latencyP99: null,
  errorRate: 0.5,
  requestsPerMinute: 1200,
  tokensPerMinute: 500_000,
  probeCount: 3,
  updatedAt: new Date('2026-11-22T10:00:00Z'),
  ...overrides,
});

let clock = Date.now();
const stores: Array<[string, () => LiveStatusStore]> = [
  ['redis', () => createRedisStatusStore(process.env.REDIS_URL!, `${redisPrefix}${Math.random().toString(36).slice(2)}:`, logger)],
  ['in-process', () => createMemoryStatusStore(() => clock)],
];


describe.each(stores)('the %s live status store', (_kind, create) => {
  it('returns cached statuses and ignores an older one arriving late', async () => {
    const store = await connected(create());
    await store.record([status('m1', 'us-east'), status('m1', 'eu-west', { latencyP95: null })], []);
    await store.record([status('m1', 'us-east', { availability: 50, updatedAt: new Date('2026-11-22T09:59:00Z') })], []);
    const found = await store.statuses([
      { modelId: 'm1', region: 'us-east' },
      { modelId: 'm1', region: 'eu-west' },
      { modelId: 'm2', region: 'us-east' },
    ]);
    expect([...found!.keys()].sort()).toEqual(['m1:eu-west', 'm1:us-east']);
    expect(found!.get('m1:us-east')).toMatchObject({ availability: 99.5, latencyP95: 450, latencyP99: null, probeCount: 3 });
    expect(found!.get('m1:eu-west')!.latencyP95).toBeNull();
    expect(new Date(found!.get('m1:us-east')!.updatedAt).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    await store.close();
  });

  it('ranks the best first, and keeps a cached ranking current without creating one from a batch', async () => {
    const store = await connected(create());
    const score = (modelId: string, value: number) => ({ metric: 'LATENCY' as const, region: 'us-east', modelId, score: value });
    await store.record([], [score('m1', 300)]);
    expect(await store.ranking('LATENCY', 'us-east', 10)).toBeUndefined();

    await store.storeRanking('LATENCY', 'us-east', [{ modelId: 'm1', score: 300 }, { modelId: 'm2', score: 200 }, { modelId: 'm3', score: 900 }]);
    await store.record([], [score('m3', 100)]);
    expect(await store.ranking('LATENCY', 'us-east', 2)).toEqual([{ modelId: 'm3', score: 100 }, { modelId: 'm2', score: 200 }]);

    await store.storeRanking('AVAILABILITY', null, [{ modelId: 'a', score: 99 }, { modelId: 'b', score: 99 }, { modelId: 'c', score: 100 }]);
    expect((await store.ranking('AVAILABILITY', null, 3))!.map((r) => r.modelId)).toEqual(['c', 'b', 'a']);
    await store.close();
  });

  it('counts model views per day once the day is cached', async () => {
    const store = await connected(create());
    await store.countViews('2026-11-22', new Map([['m1', 1]]));
    expect(await store.trending('2026-11-22', 5)).toBeUndefined();
    await store.storeTrending('2026-11-22', [{ modelId: 'm1', score: 4 }, { modelId: 'm2', score: 5 }]);
    await store.countViews('2026-11-22', new Map([['m1', 2]]));
    expect(await store.trending('2026-11-22', 5)).toEqual([{ modelId: 'm1', score: 6 }, { modelId: 'm2', score: 5 }]);
    await store.close();
  });
});

describe('the Redis layout', () => {
  it('keeps each status in a hash that expires after 30 seconds, and rankings in sorted sets that expire', async () => {
    const prefix = `${redisPrefix}layout:`;
    const store = await connected(createRedisStatusStore(process.env.REDIS_URL!, prefix, logger));
    const keys = liveKeys(prefix);
    await store.record([status('m1', 'us-east')], []);
    await store.storeRanking('USAGE', 'us-east', [{ modelId: 'm1', score: 1200 }]);
    expect(await inspector.hgetall(keys.status('m1', 'us-east'))).toMatchObject({ availability: '99.5', latency_p95: '450', rpm: '1200', last_updated: '2026-11-22T10:00:00.000Z' });
    const statusTtl = await inspector.ttl(keys.status('m1', 'us-east'));
    expect(statusTtl).toBeGreaterThan(STATUS_TTL_SECONDS - 5);
    expect(statusTtl).toBeLessThanOrEqual(STATUS_TTL_SECONDS);
    expect(await inspector.zscore(keys.ranking('USAGE', 'us-east'), 'm1')).toBe('1200');
    expect(await inspector.ttl(keys.ranking('USAGE', 'us-east'))).toBeLessThanOrEqual(RANKING_TTL_SECONDS);
    await store.close();
  });
});

describe('the in-process store', () => {
  it('expires statuses after 30 seconds, as Redis does', async () => {
    const store = createMemoryStatusStore(() => clock);
    await store.record([status('m1', 'us-east')], []);
    clock += (STATUS_TTL_SECONDS - 1) * 1000;
    expect((await store.statuses([{ modelId: 'm1', region: 'us-east' }]))!.size).toBe(1);
    clock += 2_000;
    expect((await store.statuses([{ modelId: 'm1', region: 'us-east' }]))!.size).toBe(0);
  });
});
