/**
 * Observability through the gateway: the public status reads of the contract, answered for
 * anonymous callers, with catalog's fields resolved in the same query.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, contractOperation, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('StatusSeries (contract)', () => {
  it('answers bucketed availability and latency of a seeded model', async () => {
    const res = await graph.query<any>(contractOperation('StatusSeries'), { modelSlug: 'gpt-4o', from: minutesAgo(120), to: minutesAgo(0) });
    expect(res.errors).toBeUndefined();
    const { slug, statusSeries } = res.data.model;
    expect(slug).toBe('gpt-4o');
    // Every region gpt-4o is probed from, every 5 minutes for two hours.
    expect(statusSeries.length).toBeGreaterThanOrEqual(24);
    for (const point of statusSeries) {
      expect(point).toEqual({
        bucket: expect.any(String),
        region: expect.any(String),
        avgAvailability: expect.any(Number),
        avgLatencyP95: expect.any(Number),
        avgErrorRate: expect.any(Number),
        probeCount: expect.any(Number),
      });
      expect(new Date(point.bucket).getTime() % (5 * 60_000)).toBe(0);
    }
  });

  it('answers hourly and daily buckets in one region', async () => {
    for (const [bucket, from] of [['HOUR', minutesAgo(24 * 60)], ['DAY', minutesAgo(30 * 24 * 60)]] as const) {
      const res = await graph.query<any>(contractOperation('StatusSeries'), { modelSlug: 'claude-sonnet-4', region: 'us-east', from, to: minutesAgo(0), bucket });
      expect(res.errors).toBeUndefined();
      expect(res.data.model.statusSeries.every((p: any) => p.region === 'us-east')).toBe(true);
    }
  });

  it('refuses a window too long for its buckets with BAD_USER_INPUT', async () => {
    const res = await graph.query<any>(contractOperation('StatusSeries'), { modelSlug: 'gpt-4o', from: minutesAgo(30 * 24 * 60), to: minutesAgo(0), bucket: 'FIVE_MINUTES' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});

describe('the model directory', () => {
  // ModelDirectory's observability fields (the contract file also needs catalog's pricing and benchmarks).
  const DIRECTORY = `query ($first: Int, $region: String) {
    models(first: $first) { edges { node {
      slug name provider { slug }
      status(region: $region) { region availability latencyP50 latencyP95 errorRate updatedAt }
      openIncidents { id severity status title startedAt }
      uptime(window: WEEK)
    } } }
  }`;

  it('shows live status and open incidents next to catalog fields', async () => {
    const res = await graph.query<any>(DIRECTORY, { first: 100 });
    expect(res.errors).toBeUndefined();
    const models = res.data.models.edges.map((e: any) => e.node);
    const gpt4o = models.find((m: any) => m.slug === 'gpt-4o');
    expect(gpt4o.openIncidents).toEqual([expect.objectContaining({ severity: 'MAJOR', status: 'INVESTIGATING' })]);
    expect(gpt4o.status.length).toBeGreaterThan(0);
    expect(gpt4o.uptime).toBeGreaterThan(90);
    // Every seeded model is probed (models other tests add to catalog meanwhile are not yet).
    expect(models.filter((m: any) => m.status.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('costs observability the same number of statements for 25 models as for 5', async () => {
    await graph.query(DIRECTORY, { first: 5, region: 'us-east' });
    graph.statements.reset();
    await graph.query(DIRECTORY, { first: 5, region: 'us-east' });
    const few = graph.statements.count('observability');
    graph.statements.reset();
    const res = await graph.query<any>(DIRECTORY, { first: 25, region: 'us-east' });
    expect(res.errors).toBeUndefined();
    expect(graph.statements.count('observability')).toBe(few);
  });
});

describe('rankings and incidents across subgraphs', () => {
  it('ranks models with their catalog names', async () => {
    const res = await graph.query<any>('{ rankings(by: AVAILABILITY, first: 100) { rank score model { slug name provider { name } } } }');
    const rankings = res.data.rankings as Array<{ rank: number; score: number; model: { slug: string; name: string; provider: { name: string } } | null }>;
    expect(rankings.map((r) => r.rank)).toEqual(rankings.map((_, i) => i + 1));
    // Other tests' models, unknown to catalog, rank too (with a null model); every seeded one has its names.
    const named = rankings.filter((r) => r.model);
    expect(named.length).toBeGreaterThanOrEqual(20);
    expect(named.find((r) => r.model!.slug === 'gpt-4o')?.model!.provider.name).toBe('OpenAI');
  });

  it('walks Incident → model → provider, and Provider → incidents', async () => {
    const res = await graph.query<any>(`{
      incidents(filter: { open: true }, first: 100) { totalCount edges { node { title status model { slug provider { slug } } updates { status note } } } }
      provider(slug: "cohere") { name incidents(first: 5) { totalCount edges { node { title status model { slug } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    // Other tests open incidents too; the seeded ones are there, each at its own step.
    const open = res.data.incidents.edges.map((e: any) => e.node);
    const seeded = ['gpt-4o', 'claude-sonnet-4', 'llama-4-maverick'].map((slug) => open.find((i: any) => i.model?.slug === slug));
    expect(seeded.map((i: any) => i.status)).toEqual(['INVESTIGATING', 'IDENTIFIED', 'MONITORING']);
    expect(seeded[0].model.provider.slug).toBe('openai');
    expect(res.data.provider.incidents.edges).toContainEqual({ node: { title: 'Cohere API authentication errors', status: 'RESOLVED', model: null } });
  });
});
