import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { createRedisStatusStore } from '../src/live/redis-store.js';
import { liveKeys } from '../src/live/store.js';
import { observability } from '../src/subgraph.js';
import { ANALYTICS_WRITER, PROBE_AGENT, REPORT_PROBES, connected, freshModels, probe, seededModel, withRedis } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(observability);
});
afterAll(() => subgraph.stop());

const STATUS = `query ($r: [_Any!]!, $region: String) { _entities(representations: $r) { ... on Model {
  status(region: $region) { region availability latencyP50 latencyP95 errorRate updatedAt model { id } }
} } }`;
const statusOf = (ids: string[], region: string | null = null) =>
  subgraph.query<any>(STATUS, { r: ids.map((id) => ({ __typename: 'Model', id })), region });

describe('Model.status', () => {
  it('serves the seeded status from the rollups, in every region the model is probed from', async () => {
    const gpt4o = await seededModel('gpt-4o');
    const res = await statusOf([gpt4o.id]);
    expect(res.errors).toBeUndefined();
    const statuses = res.data._entities[0].status;
    expect(statuses.length).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(statuses[0].updatedAt)).toBeLessThan(10 * 60_000);
    // The seeded open incident on gpt-4o in us-east shows in its status there.
    const usEast = (await statusOf([gpt4o.id], 'us-east')).data._entities[0].status;
    expect(usEast).toEqual([expect.objectContaining({ region: 'us-east' })]);
    expect(usEast[0].availability).toBeLessThan(95);
  });

  it('reads the live cache first, without touching the database', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const store = await connected(createRedisStatusStore(process.env.REDIS_URL!, process.env.REDIS_PREFIX!, createLogger('silent')));
    const updatedAt = new Date().toISOString();
    await store.record([{ modelId, region: 'eu-central', availability: 12.5, latencyP50: 1, latencyP95: 2, latencyP99: 3, errorRate: 87.5, requestsPerMinute: 1, tokensPerMinute: 1, probeCount: 1, updatedAt }], []);
    await store.close();
    subgraph.statements.reset();
    const res = await statusOf([modelId], 'eu-central');
    expect(res.data._entities[0].status).toEqual([{ region: 'eu-central', availability: 12.5, latencyP50: 1, latencyP95: 2, errorRate: 87.5, updatedAt, model: { id: modelId } }]);
    expect(subgraph.statements.count()).toBe(0);
  });

  it('falls back to the latest rollup when the cached status has expired', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    await subgraph.query(REPORT_PROBES, { probes: [probe(modelId, { region: 'us-west', availability: 91 })] }, PROBE_AGENT);
    await withRedis((redis) => redis.del(liveKeys(process.env.REDIS_PREFIX!).status(modelId, 'us-west')));
    expect((await statusOf([modelId], 'us-west')).data._entities[0].status).toEqual([expect.objectContaining({ region: 'us-west', availability: 91 })]);
  });

  it('answers an empty list for a model without probes, and BAD_USER_INPUT for an unknown region', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    expect((await statusOf([modelId])).data._entities[0].status).toEqual([]);
    expect((await statusOf([modelId], 'moon-base')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
  });

  it('costs the same number of statements for 30 models as for 3', async () => {
    const models = await freshModels(30);
    await subgraph.query(REPORT_PROBES, { probes: models.map((id, i) => probe(id, { region: i % 2 ? 'us-east' : 'eu-west' })) }, PROBE_AGENT);
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { status { region } openIncidents { id } uptime(window: MONTH) } } }`;
    await subgraph.query(query, { r: models.slice(0, 3).map((id) => ({ __typename: 'Model', id })) });
    subgraph.statements.reset();
    await subgraph.query(query, { r: models.slice(0, 3).map((id) => ({ __typename: 'Model', id })) });
    const few = subgraph.statements.count();
    subgraph.statements.reset();
    const res = await subgraph.query<any>(query, { r: models.map((id) => ({ __typename: 'Model', id })) });
    expect(res.data._entities.every((m: any) => m.status.length === 1)).toBe(true);
    expect(subgraph.statements.count()).toBe(few);
  });
});

describe('rankings', () => {
  const RANKINGS = `query ($by: RankingMetric!, $region: String) { rankings(by: $by, region: $region, first: 100) { rank score model { id } } }`;
  const ranking = async (by: string, region: string | null) => (await subgraph.query<any>(RANKINGS, { by, region })).data.rankings as Array<{ rank: number; score: number; model: { id: string } }>;
  const position = (list: Array<{ model: { id: string } }>, id: string) => list.findIndex((r) => r.model.id === id);

  it('orders models best first, numbered, per region and across regions', async () => {
    const [fast, slow] = (await freshModels(2)) as [string, string];
    await subgraph.query(
      REPORT_PROBES,
      {
        probes: [
          probe(fast, { region: 'asia-east', latencyP50: 3, latencyP95: 6, latencyP99: 9, requestsPerMinute: 900_000 }),
          probe(slow, { region: 'asia-east', latencyP50: 4, latencyP95: 8, latencyP99: 9, requestsPerMinute: 800_000 }),
          probe(slow, { region: 'eu-west', latencyP50: 4, latencyP95: 8, latencyP99: 9, requestsPerMinute: 800_000 }),
        ],
      },
      PROBE_AGENT,
    );
    const latency = await ranking('LATENCY', 'asia-east');
    expect(latency.map((r) => r.rank)).toEqual(latency.map((_, i) => i + 1));
    expect(latency.map((r) => r.score)).toEqual([...latency.map((r) => r.score)].sort((a, b) => a - b));
    expect(position(latency, fast)).toBeLessThan(position(latency, slow));
    // Across regions, usage adds up: the slower model serves two regions.
    const usage = await ranking('USAGE', null);
    expect(usage.find((r) => r.model.id === slow)!.score).toBe(1_600_000);
    expect(position(usage, slow)).toBeLessThan(position(usage, fast));
  });

  it('are cached whole, then kept current by ingestion', async () => {
    const [model] = (await freshModels(1)) as [string];
    await subgraph.query(REPORT_PROBES, { probes: [probe(model, { region: 'eu-central', availability: 99.99 })] }, PROBE_AGENT);
    const first = await ranking('AVAILABILITY', 'eu-central');
    expect(first.length).toBeGreaterThan(1);
    await subgraph.query(REPORT_PROBES, { probes: [probe(model, { region: 'eu-central', location: 'agent-b', availability: 0.01 })] }, PROBE_AGENT);
    subgraph.statements.reset();
    const second = await ranking('AVAILABILITY', 'eu-central');
    expect(subgraph.statements.count()).toBe(0);
    expect(second.find((r) => r.model.id === model)!.score).toBe(50);
    expect(second.map((r) => r.model.id).sort()).toEqual(first.map((r) => r.model.id).sort());
  });

  it('refuse more than 100 entries', async () => {
    const res = await subgraph.query<any>('{ rankings(by: USAGE, first: 101) { rank } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('trending models', () => {
  const TRENDING = '{ trendingModels(first: 100) { views model { id } } }';
  const views = async (id: string) => ((await subgraph.query<any>(TRENDING)).data.trendingModels as any[]).find((t) => t.model.id === id)?.views;
  const view = (modelId: string, count: number) =>
    subgraph.query<any>(
      'mutation ($e: [AnalyticsEventInput!]!) { recordAnalyticsEvents(events: $e) { recorded } }',
      { e: Array.from({ length: count }, () => ({ type: 'model_view', sessionId: 'trend-test', properties: { model_id: modelId } })) },
      ANALYTICS_WRITER,
    );

  it('counts the day’s model views, from the database and then the cache', async () => {
    const [popular] = (await freshModels(1)) as [string];
    expect((await view(popular, 40)).data.recordAnalyticsEvents.recorded).toBe(40);
    expect(await views(popular)).toBe(40);
    await view(popular, 2);
    subgraph.statements.reset();
    expect(await views(popular)).toBe(42);
    expect(subgraph.statements.count()).toBe(0);
  });

  it('rejects a malformed day', async () => {
    const res = await subgraph.query<any>('{ trendingModels(day: "yesterday") { views } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'day' });
  });
});
