/**
 * The catalog's part of the ModelDirectory contract operation, through the gateway: real seeded
 * values, pagination, and a statement count that does not grow with the page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { databaseName, dropDatabase, ensureDatabase, migrate, seed, withDatabase, DOMAINS } from '@sixfold/db';
import { bootGraph, contractOperation, type TestGraph } from '../support/graph.js';

/** ModelDirectory without the fields observability serves (status, openIncidents), which it tests itself. */
const MODEL_DIRECTORY = contractOperation('ModelDirectory')
  .split('\n')
  .filter((line) => !/^\s*(status\(|openIncidents\b)/.test(line))
  .join('\n');

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

const DAY = 86_400_000;

describe('ModelDirectory (catalog fields)', () => {
  it('keeps only the observability fields out of the contract operation', () => {
    expect(MODEL_DIRECTORY).not.toMatch(/status\(|openIncidents/);
    expect(MODEL_DIRECTORY).toMatch(/pricing\(region: \$region\) \{ tier region currency inputPerMillion outputPerMillion effectiveFrom \}/);
  });

  it('answers every catalog field with the seeded directory', async () => {
    const res = await graph.query<any>(MODEL_DIRECTORY, { first: 100, region: 'eu-west', locale: 'zh-CN' });
    expect(res.errors).toBeUndefined();
    const { totalCount, edges, pageInfo } = res.data.models;
    expect(totalCount).toBeGreaterThanOrEqual(30);
    expect(pageInfo.endCursor).toEqual(expect.any(String));
    const bySlug = new Map(edges.map((e: any) => [e.node.slug, e.node]));

    const mistral: any = bySlug.get('mistral-large-2411');
    expect(mistral).toMatchObject({
      name: 'Mistral Large 2',
      contextWindow: 131072,
      modalities: ['text'],
      capabilities: ['function_calling', 'streaming', 'json_mode'],
      provider: { slug: 'mistralai', name: 'Mistral AI', id: expect.any(String) },
    });
    // eu-west has its own standard price (in EUR); the enterprise tier falls back to the global price.
    expect(mistral.pricing).toEqual([
      { tier: 'enterprise', region: null, currency: 'USD', inputPerMillion: '1.7', outputPerMillion: '5.1', effectiveFrom: '2025-01-01' },
      { tier: 'standard', region: 'eu-west', currency: 'EUR', inputPerMillion: '1.84', outputPerMillion: '5.52', effectiveFrom: '2024-11-18' },
    ]);
    expect(mistral.latestBenchmarks.map((b: any) => b.suite.slug)).toEqual(['gpqa', 'gsm8k', 'humaneval', 'math', 'mmlu', 'mmlu-pro', 'swe-bench-verified']);
    expect(mistral.latestBenchmarks[0].suite).toEqual({ slug: 'gpqa', name: 'GPQA Diamond', category: 'reasoning' });
    for (const benchmark of mistral.latestBenchmarks) {
      expect(Number(benchmark.scoreNormalized)).toBeGreaterThan(0);
      expect(Date.now() - Date.parse(benchmark.evaluationDate)).toBeLessThan(31 * DAY);
    }

    // Localized names fall back to en-US; a model marketed under a Chinese name has it.
    expect((bySlug.get('deepseek-chat') as any).name).toBe('深度求索 DeepSeek-V3');
    expect((bySlug.get('claude-opus-4') as any).name).toBe('Claude Opus 4');
    // o3's price was cut on 2025-06-10: the current price is the one served.
    expect((bySlug.get('o3') as any).pricing.find((p: any) => p.tier === 'standard')).toEqual({
      tier: 'standard', region: null, currency: 'USD', inputPerMillion: '2', outputPerMillion: '8', effectiveFrom: '2025-06-10',
    });
    // Multimodal models have an MMMU score; text-only ones do not.
    expect((bySlug.get('gpt-4o') as any).latestBenchmarks.map((b: any) => b.suite.slug)).toContain('mmmu');
  });
});

describe('ModelDirectory on a directory of a thousand models', () => {
  let big: TestGraph;
  let url: string;
  beforeAll(async () => {
    const runUrl = process.env.DATABASE_URL!;
    url = withDatabase(runUrl, `${databaseName(runUrl)}_directory`);
    await dropDatabase(url);
    await ensureDatabase(url);
    await migrate(url, { domains: DOMAINS.filter((d) => d.name === 'platform' || d.name === 'catalog') });
    await seed(url, { scale: 2, domains: ['catalog'] });
    big = await bootGraph({ databaseUrl: url, only: ['catalog'] });
  }, 120_000);
  afterAll(async () => {
    await big?.stop();
    await dropDatabase(url);
  });

  it('costs the catalog the same 8 statements for 100 models as for 10', async () => {
    const statementsFor = async (first: number) => {
      big.statements.reset();
      const res = await big.query<any>(MODEL_DIRECTORY, { first, region: 'eu-west' });
      expect(res.errors).toBeUndefined();
      expect(res.data.models.edges).toHaveLength(first);
      return big.statements.count('catalog');
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    // The transaction's settings, the page, models, providers, prices, scores, suites, COMMIT.
    expect(hundred).toBe(8);
  });

  it('pages through the whole directory with cursors', async () => {
    const slugs: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const res: any = await big.query<any>(MODEL_DIRECTORY, { first: 100, ...(after ? { after } : {}) });
      expect(res.errors).toBeUndefined();
      slugs.push(...res.data.models.edges.map((e: any) => e.node.slug));
      totalCount = res.data.models.totalCount;
      after = res.data.models.pageInfo.hasNextPage ? res.data.models.pageInfo.endCursor : null;
    } while (after);
    expect(totalCount).toBe(1030);
    expect(slugs).toHaveLength(totalCount);
    expect(new Set(slugs).size).toBe(totalCount);
  });
});
