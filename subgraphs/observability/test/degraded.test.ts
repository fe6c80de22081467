/**
 * Redis going away costs speed, never correctness: a subgraph whose Redis does not answer still
 * ingests probes, serves status from the rollups, ranks models from the database, and does not
 * crash; when Redis is back, the cache and live events resume by themselves. (Its event bus uses
 * the same Redis, as it would in production.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { Redis } from 'ioredis';
import { liveKeys } from '../src/live/store.js';
import { observability } from '../src/subgraph.js';
import { PROBE_AGENT, REPORT_PROBES, collect, freshModels, probe, wsClient } from './support.js';

/** Starts a subgraph whose Redis (cache and bus) is `redisUrl`. */
async function subgraphWithRedis(redisUrl: string): Promise<TestSubgraph> {
  const shared = process.env.REDIS_URL;
  process.env.REDIS_URL = redisUrl;
  try {
    return await startTestSubgraph(observability);
  } finally {
    process.env.REDIS_URL = shared;
  }
}

async function eventually<T>(attempt: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Nothing listens on port 1. */
const CLOSED_REDIS_PORT = 'redis://127.0.0.1:1';

describe('with Redis unreachable', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await subgraphWithRedis(CLOSED_REDIS_PORT);
  });
  afterAll(() => subgraph.stop());

  it('ingests probes and serves the new status from PostgreSQL', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const res = await subgraph.query<any>(REPORT_PROBES, { probes: [probe(modelId, { availability: 97.25, latencyP95: 640 })] }, PROBE_AGENT);
    expect(res.errors).toBeUndefined();
    expect(res.data.reportStatusProbes.accepted).toBe(1);

    const status = await subgraph.query<any>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { status(region: "us-east") { region availability latencyP95 updatedAt } } } }`,
      { r: [{ __typename: 'Model', id: modelId }] },
    );
    expect(status.errors).toBeUndefined();
    expect(status.data._entities[0].status).toEqual([expect.objectContaining({ region: 'us-east', availability: 97.25, latencyP95: 640 })]);
  });

  it('ranks models from the database', async () => {
    const [best] = (await freshModels(1)) as [string];
    await subgraph.query(REPORT_PROBES, { probes: [probe(best, { region: 'asia-southeast', latencyP50: 1, latencyP95: 1, latencyP99: 1 })] }, PROBE_AGENT);
    const res = await subgraph.query<any>('{ rankings(by: LATENCY, region: "asia-southeast", first: 1) { rank score model { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.rankings).toEqual([{ rank: 1, score: 1, model: { id: best } }]);
  });

  it('answers trending models from the database', async () => {
    const res = await subgraph.query<any>('{ trendingModels(first: 3) { views model { id } } }');
    expect(res.errors).toBeUndefined();
  });
});

describe('when Redis goes away and comes back', () => {
  let port: number;
  let redisServer: ChildProcess | undefined;
  let subgraph: TestSubgraph;
  let inspector: Redis;

  /** A Redis server of this test's own, which it may stop and start. */
  const startRedis = async () => {
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(() => inspector.ping().then(() => true, () => undefined), 'redis-server to start');
  };
  const stopRedis = async () => {
    const stopped = new Promise((resolve) => redisServer!.once('exit', resolve));
    redisServer!.kill('SIGKILL');
    await stopped;
    redisServer = undefined;
  };

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    inspector = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => 100, lazyConnect: true });
    inspector.on('error', () => {});
    await startRedis();
    subgraph = await subgraphWithRedis(`redis://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await subgraph?.stop();
    inspector.disconnect();
    if (redisServer) await stopRedis();
  });

  it('keeps ingesting and serving status, then caches and streams again', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const statusKey = liveKeys(process.env.REDIS_PREFIX!).status(modelId, 'us-east');
    // Each probe in a 5-minute bucket of its own, newer than the last: the status is that probe.
    let step = 0;
    const ingest = async (availability: number) => {
      const time = new Date(Date.now() - 5 * 60_000 * (100 - step++)).toISOString();
      const res = await subgraph.query<any>(REPORT_PROBES, { probes: [probe(modelId, { availability, time })] }, PROBE_AGENT);
      expect(res.data?.reportStatusProbes.accepted).toBe(1);
    };
    const cachedAvailability = () => inspector.hget(statusKey, 'availability').then((value) => value ?? undefined, () => undefined);
    const status = async () =>
      (await subgraph.query<any>(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { status(region: "us-east") { availability } } } }`, {
        r: [{ __typename: 'Model', id: modelId }],
      })).data._entities[0].status[0].availability;

    // Up: probes reach the cache, and a subscriber gets their statuses.
    await eventually(async () => (await ingest(99), await cachedAvailability()), 'the first status in Redis');
    const client = await wsClient(subgraph.url);
    const feed = collect(client, 'subscription ($m: [ID!]) { modelStatusChanged(modelIds: $m) { availability } }', { m: [modelId] });
    try {
      await feed.ready(() => ingest(99));

      await stopRedis();
      await ingest(42);
      expect(await status()).toBe(42);

      // Back: the cache fills again and the same subscription receives events again.
      await startRedis();
      await eventually(async () => ((await ingest(77), await cachedAvailability()) === '77' ? true : undefined), 'Redis to be used again');
      await eventually(async () => (feed.events.some((e) => e.modelStatusChanged.availability === 77) ? true : (await ingest(77), undefined)), 'a live event after the outage');
    } finally {
      feed.dispose();
      await client.dispose();
    }
  });
});
