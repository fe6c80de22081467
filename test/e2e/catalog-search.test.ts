/** Analysts' catalog queries through the gateway: search, benchmark comparison, listings and news. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

async function query(document: string, variables: Record<string, unknown> = {}) {
  const res = await graph.query<any>(document, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe('searchModels', () => {
  it('ranks name matches first, reads localized names, and forgives typos', async () => {
    const data = await query(`{
      o3: searchModels(query: "o3") { model { slug provider { name } } matchedBy }
      qwen: searchModels(query: "通义千问", locale: "zh-CN", first: 2) { model { slug name(locale: "zh-CN") } highlight }
      typo: searchModels(query: "claud opsu") { model { slug } matchedBy }
    }`);
    expect(data.o3).toEqual([
      { model: { slug: 'o3', provider: { name: 'OpenAI' } }, matchedBy: 'FULL_TEXT' },
      { model: { slug: 'o4-mini', provider: { name: 'OpenAI' } }, matchedBy: 'FULL_TEXT' },
    ]);
    expect(data.qwen).toHaveLength(2);
    expect(data.qwen[0].model.name).toMatch(/^通义千问/);
    expect(data.typo[0]).toEqual({ model: { slug: 'claude-opus-4' }, matchedBy: 'SIMILAR_SPELLING' });
  });
});

describe('compareModels', () => {
  it('puts several models’ latest scores on several suites side by side, with percentiles', async () => {
    const { compareModels } = await query(`{ compareModels(slugs: ["claude-opus-4", "gemini-2.5-pro", "llama-3.3-70b-instruct"], suites: ["swe-bench-verified", "mmmu"]) {
      suites { slug name }
      rows { model { slug provider { slug } } scores { scoreNormalized percentile evaluationDate isOfficial } }
    } }`);
    expect(compareModels.suites).toEqual([
      { slug: 'swe-bench-verified', name: 'SWE-bench Verified' },
      { slug: 'mmmu', name: 'MMMU' },
    ]);
    const [opus, gemini, llama] = compareModels.rows;
    expect(opus.model).toEqual({ slug: 'claude-opus-4', provider: { slug: 'anthropic' } });
    expect(opus.scores[0].percentile).toBeGreaterThan(llama.scores[0].percentile);
    expect(gemini.scores.every((s: any) => s !== null)).toBe(true);
    expect(llama.scores[1]).toBeNull(); // a text-only model has no MMMU score
  });
});

describe('listings and news', () => {
  it('serve the precomputed listing with recent benchmarks', async () => {
    const { modelListings } = await query('{ modelListings(first: 50, providerSlug: "anthropic") { totalCount edges { node { slug providerName recentBenchmarks { suiteSlug scoreNormalized evaluationDate } model { isActive } } } } }');
    const slugs = modelListings.edges.map((e: any) => e.node.slug);
    expect(slugs).toEqual(expect.arrayContaining(['claude-3.5-haiku', 'claude-opus-4', 'claude-sonnet-4']));
    expect(slugs).not.toContain('claude-3.5-sonnet'); // retired: not active
    const opus = modelListings.edges.find((e: any) => e.node.slug === 'claude-opus-4').node;
    expect(opus.providerName).toBe('Anthropic');
    expect(opus.recentBenchmarks.length).toBeGreaterThanOrEqual(7);
    expect(opus.recentBenchmarks[0].scoreNormalized).toMatch(/^\d+\.\d{1,2}$/);
  });

  it('serve the latest news by tag, with the models mentioned', async () => {
    const { news } = await query('{ news(first: 5, tag: "reasoning") { edges { node { slug mentions { mentionType model { slug } } } } } }');
    expect(news.edges[0].node.slug).toBe('gpqa-diamond-leaderboard-autumn');
    expect(news.edges[0].node.mentions[0]).toEqual({ mentionType: 'COMPARISON', model: { slug: 'o3' } });
  });
});
