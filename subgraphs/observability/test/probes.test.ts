import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { observability } from '../src/subgraph.js';
import { ADMIN, PROBE_AGENT, REPORT_PROBES, USER, asSubgraphRole, freshModels, probe, sql } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(observability);
});
afterAll(() => subgraph.stop());

const report = (probes: unknown[], identity = PROBE_AGENT) => subgraph.query<any>(REPORT_PROBES, { probes }, identity);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('reportStatusProbes authorization', () => {
  it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN without the probes:write scope', async () => {
    const [modelId] = await freshModels(1);
    const anonymous = await subgraph.query<any>(REPORT_PROBES, { probes: [probe(modelId!)] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await report([probe(modelId!)], USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report([probe(modelId!)], ADMIN)).data.reportStatusProbes.accepted).toBe(1);
    expect((await report([probe(modelId!, { location: 'agent-2' })], PROBE_AGENT)).data.reportStatusProbes.accepted).toBe(1);
  });

  it("takes an admin's API key only when it may write", async () => {
    const [modelId] = await freshModels(1);
    const adminKey = (scopes: string[]) => ({ ...ADMIN, scopes });
    expect((await report([probe(modelId!)], adminKey(['read']))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report([probe(modelId!)], adminKey(['read', 'write', 'admin']))).data.reportStatusProbes.accepted).toBe(1);
  });
});

describe('reportStatusProbes validation', () => {
  let modelId: string;
  beforeAll(async () => {
    [modelId] = (await freshModels(1)) as [string];
  });

  it.each([
    ['availability', { availability: 100.5 }],
    ['errorRate', { errorRate: -1 }],
    ['latencyP95', { latencyP50: 500, latencyP95: 400 }],
    ['latencyP99', { latencyP95: 400, latencyP99: 300 }],
    ['latencyP50', { latencyP50: -3 }],
    ['time', { time: new Date(Date.now() + 60 * 60_000).toISOString() }],
    ['time', { time: new Date(Date.now() - 91 * 24 * 60 * 60_000).toISOString() }],
    ['location', { location: '   ' }],
    ['requestsPerMinute', { requestsPerMinute: -5 }],
    ['tokensPerMinute', { tokensPerMinute: 1.5 }],
    ['statusCodes', { statusCodes: { ok: 3 } }],
    ['modelId', { modelId: 'not-a-uuid' }],
  ])('rejects the whole batch naming probes[i].%s', async (field, overrides) => {
    const res = await report([probe(modelId, { location: 'v-ok' }), probe(modelId, { location: `v-${field}`, ...overrides })]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(new RegExp(`^probes\\[1\\]\\.${field}`)) });
    const [{ count }] = await sql('SELECT count(*)::int AS count FROM observability.status_probes WHERE model_id = $1', [modelId]);
    expect(count).toBe(0);
  });

  it('rejects models that are not monitored, or no longer active, and unknown regions', async () => {
    const [inactive] = await freshModels(1);
    await sql('UPDATE observability.monitored_models SET is_active = false WHERE id = $1', [inactive]);
    for (const [bad, field] of [
      [probe('6f1c1c3e-0000-4000-8000-000000000000'), 'probes[1].modelId'],
      [probe(inactive!), 'probes[1].modelId'],
      [probe(modelId, { region: 'mars-north' }), 'probes[1].region'],
    ] as const) {
      const res = await report([probe(modelId), bad]);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [{ count }] = await sql('SELECT count(*)::int AS count FROM observability.status_probes WHERE model_id = $1', [modelId]);
    expect(count).toBe(0);
  });

  it('accepts at most 1,000 probes per call', async () => {
    const probes = Array.from({ length: 1_001 }, (_, i) => probe(modelId, { location: `agent-${i}` }));
    const res = await report(probes);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'probes' });
  });
});

describe('reportStatusProbes ingestion', () => {
  it('is idempotent per probe: sending it again (or twice in a batch) stores it once', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const time = minutesAgo(2);
    const first = await report([probe(modelId, { time }), probe(modelId, { time, location: 'agent-b' })]);
    expect(first.data.reportStatusProbes).toMatchObject({ accepted: 2, duplicates: 0 });
    // One time for the in-batch pair: two clock readings can differ by a millisecond.
    const later = minutesAgo(1);
    const again = await report([probe(modelId, { time, availability: 50 }), probe(modelId, { time: later }), probe(modelId, { time: later })]);
    expect(again.data.reportStatusProbes).toMatchObject({ accepted: 1, duplicates: 2 });
    const rows = await sql('SELECT availability::float8 AS availability FROM observability.status_probes WHERE model_id = $1 ORDER BY "time"', [modelId]);
    expect(rows.map((r) => r.availability)).toEqual([99.9, 99.9, 99.9]);
  });

  it('answers with the new status of each model and region it touched', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const res = await report([
      probe(modelId, { region: 'eu-west', availability: 98, latencyP95: 600 }),
      probe(modelId, { region: 'eu-west', location: 'agent-b', availability: 96, latencyP95: 800, latencyP99: 900 }),
      probe(modelId, { region: 'asia-east', availability: 99.5 }),
    ]);
    const statuses = res.data.reportStatusProbes.statuses;
    expect(statuses).toHaveLength(2);
    expect(statuses.find((s: any) => s.region === 'eu-west')).toMatchObject({ availability: 97, latencyP95: 700, probeCount: 2, model: { id: modelId } });
  });

  it('costs the same number of SQL statements for 1,000 probes as for 10', async () => {
    const [a, b] = (await freshModels(2)) as [string, string];
    const batch = (modelId: string, size: number) =>
      Array.from({ length: size }, (_, i) => probe(modelId, { region: ['us-east', 'eu-west', 'asia-east'][i % 3]!, time: new Date(Date.now() - i * 1_000).toISOString() }));
    subgraph.statements.reset();
    expect((await report(batch(a, 10))).data.reportStatusProbes.accepted).toBe(10);
    const few = subgraph.statements.count();
    subgraph.statements.reset();
    expect((await report(batch(b, 1_000))).data.reportStatusProbes.accepted).toBe(1_000);
    expect(subgraph.statements.count()).toBe(few);
    expect(few).toBeLessThanOrEqual(8); // transaction, settings, lookup, insert, rollups, status, commit
  });

  it('keeps stored probes unchangeable for the subgraph role', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    await report([probe(modelId)]);
    const change = (statement: string) => asSubgraphRole(statement, [modelId], { admin: true }).then((rows) => rows.length);
    expect(await change('UPDATE observability.status_probes SET availability = 0 WHERE model_id = $1 RETURNING 1')).toBe(0);
    expect(await change('DELETE FROM observability.status_probes WHERE model_id = $1 RETURNING 1')).toBe(0);
    expect(await change('SELECT 1 FROM observability.status_probes WHERE model_id = $1')).toBe(1);
  });

  it('stores probes in their day partition', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    await report([probe(modelId)]);
    const [row] = await sql('SELECT tableoid::regclass::text AS partition FROM observability.status_probes WHERE model_id = $1', [modelId]);
    expect(row.partition).toBe(`observability.status_probes_p${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`);
  });
});

describe('rollups', () => {
  const SERIES = `query ($r: [_Any!]!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket, $region: String) {
    _entities(representations: $r) { ... on Model {
      statusSeries(region: $region, from: $from, to: $to, bucket: $bucket) {
        bucket region avgAvailability minAvailability avgLatencyP95 medianLatencyP95 maxLatencyP95 avgErrorRate totalRequests probeCount
      }
    } }
  }`;
  const series = (modelId: string, bucket: string, region: string | null = 'us-east') =>
    subgraph.query<any>(SERIES, { r: [{ __typename: 'Model', id: modelId }], from: minutesAgo(24 * 60), to: new Date(Date.now() + 60_000).toISOString(), bucket, region });

  it('include just-ingested probes in the 5-minute, hourly and daily series, aggregated as the seed defines', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const bucketStart = Math.floor(Date.now() / 300_000) * 300_000;
    const at = (seconds: number) => new Date(Math.min(bucketStart + seconds * 1000, Date.now())).toISOString();
    const stored = await report([
      probe(modelId, { time: at(0), location: 'a', availability: 100, latencyP95: 400, errorRate: 0, requestsPerMinute: 1000 }),
      probe(modelId, { time: at(1), location: 'b', availability: 98, latencyP95: 600, errorRate: 2, requestsPerMinute: 3000 }),
      probe(modelId, { time: at(2), location: 'c', availability: 96, latencyP95: 1100, latencyP99: 1500, errorRate: 4, requestsPerMinute: 2000 }),
    ]);
    expect(stored.data.reportStatusProbes.accepted).toBe(3);
    const expected = { avgAvailability: 98, minAvailability: 96, avgLatencyP95: 700, medianLatencyP95: 600, maxLatencyP95: 1100, avgErrorRate: 2, totalRequests: 6000, probeCount: 3 };
    for (const bucket of ['FIVE_MINUTES', 'HOUR', 'DAY']) {
      const res = await series(modelId, bucket);
      expect(res.errors).toBeUndefined();
      expect(res.data._entities[0].statusSeries).toEqual([expect.objectContaining({ region: 'us-east', ...expected })]);
    }
  });

  it('re-aggregate a bucket when more probes arrive for it', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const time = minutesAgo(0.1);
    await report([probe(modelId, { time, location: 'a', availability: 100 })]);
    await report([probe(modelId, { time, location: 'b', availability: 90 })]);
    const points = (await series(modelId, 'FIVE_MINUTES')).data._entities[0].statusSeries;
    expect(points).toEqual([expect.objectContaining({ avgAvailability: 95, minAvailability: 90, probeCount: 2 })]);
  });

  it('answer one series per region when no region is given', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    await report([probe(modelId, { region: 'us-east' }), probe(modelId, { region: 'eu-west' })]);
    const points = (await series(modelId, 'HOUR', null)).data._entities[0].statusSeries;
    expect(points.map((p: any) => p.region).sort()).toEqual(['eu-west', 'us-east']);
  });

  it('refuse windows too long for the bucket size, and reversed windows', async () => {
    const r = [{ __typename: 'Model', id: (await freshModels(1))[0] }];
    const tooLong = await subgraph.query<any>(SERIES, { r, from: minutesAgo(8 * 24 * 60), to: minutesAgo(0), bucket: 'FIVE_MINUTES' });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const reversed = await subgraph.query<any>(SERIES, { r, from: minutesAgo(0), to: minutesAgo(60), bucket: 'HOUR' });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('serve series for many models in the same number of statements as for one', async () => {
    const models = await freshModels(12);
    await report(models.map((id) => probe(id)));
    const query = (ids: string[]) =>
      subgraph.query<any>(
        `query ($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) { ... on Model {
          statusSeries(from: $from, to: $to, bucket: HOUR) { probeCount } uptime(window: WEEK) status { region }
        } } }`,
        { r: ids.map((id) => ({ __typename: 'Model', id })), from: minutesAgo(120), to: minutesAgo(-1) },
      );
    await query(models.slice(0, 1)); // warms the cached region list
    subgraph.statements.reset();
    await query(models.slice(0, 1));
    const one = subgraph.statements.count();
    subgraph.statements.reset();
    const res = await query(models);
    expect(res.data._entities.every((e: any) => e.statusSeries[0].probeCount === 1 && e.uptime === 99.9)).toBe(true);
    expect(subgraph.statements.count()).toBe(one);
  });
});
