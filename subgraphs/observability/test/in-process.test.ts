/**
 * Without REDIS_URL (the one-command local run) the live status store and the event bus are
 * in-process stand-ins; status, rankings and subscriptions behave the same.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import type { Client } from 'graphql-ws';
import { observability } from '../src/subgraph.js';
import { PROBE_AGENT, REPORT_PROBES, collect, freshModels, probe, wsClient } from './support.js';

let subgraph: TestSubgraph;
let client: Client;
beforeAll(async () => {
  const redisUrl = process.env.REDIS_URL;
  delete process.env.REDIS_URL;
  try {
    subgraph = await startTestSubgraph(observability);
  } finally {
    process.env.REDIS_URL = redisUrl;
  }
  client = await wsClient(subgraph.url);
});
afterAll(async () => {
  await client.dispose();
  await subgraph.stop();
});

describe('without Redis configured', () => {
  it('uses the in-process bus and store', () => {
    expect(subgraph.bus.kind).toBe('in-process');
  });

  it('streams statuses, and serves them from memory', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const feed = collect(client, 'subscription ($m: [ID!]) { modelStatusChanged(modelIds: $m) { region availability model { id } } }', { m: [modelId] });
    await feed.ready(() => subgraph.query(REPORT_PROBES, { probes: [probe(modelId, { time: new Date(Date.now() - 60 * 60_000).toISOString(), location: 'warm-up' })] }, PROBE_AGENT));

    await subgraph.query(REPORT_PROBES, { probes: [probe(modelId, { region: 'eu-west', availability: 93 })] }, PROBE_AGENT);
    const [event] = await feed.next(1);
    expect(event.modelStatusChanged).toEqual({ region: 'eu-west', availability: 93, model: { id: modelId } });
    feed.dispose();

    const status = () =>
      subgraph.query<any>(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { status(region: "eu-west") { availability } } } }`, {
        r: [{ __typename: 'Model', id: modelId }],
      });
    await status(); // loads the cached list of regions
    subgraph.statements.reset();
    expect((await status()).data._entities[0].status).toEqual([{ availability: 93 }]);
    expect(subgraph.statements.count()).toBe(0);
  });

  it('ranks from the database first, then from memory', async () => {
    const first = await subgraph.query<any>('{ rankings(by: USAGE, region: "eu-west", first: 3) { rank score } }');
    expect(first.data.rankings.map((r: any) => r.rank)).toEqual([1, 2, 3]);
    subgraph.statements.reset();
    const second = await subgraph.query<any>('{ rankings(by: USAGE, region: "eu-west", first: 3) { rank score } }');
    expect(second.data.rankings).toEqual(first.data.rankings);
    expect(subgraph.statements.count()).toBe(0);
  });
});
