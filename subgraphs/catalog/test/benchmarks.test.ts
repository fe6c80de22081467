import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

const COMPARE = `query ($slugs: [String!]!, $suites: [String!]!) {
  compareModels(slugs: $slugs, suites: $suites) {
    suites { slug name category }
    rows { model { slug } scores { scoreNormalized percentile evaluationDate suite { slug } } }
  }
}`;

describe('compareModels', () => {
  it('lines up several models’ latest scores on several suites, with percentiles', async () => {
    const slugs = ['o3', 'claude-opus-4', 'deepseek-r1', 'gpt-4o-mini'];
    const suites = ['gpqa', 'humaneval', 'mmmu'];
    subgraph.statements.reset();
    const res = await subgraph.query<any>(COMPARE, { slugs, suites });
    expect(res.errors).toBeUndefined();
    const { suites: columns, rows } = res.data.compareModels;
    expect(columns.map((s: any) => s.slug)).toEqual(suites);
    expect(columns[0]).toEqual({ slug: 'gpqa', name: 'GPQA Diamond', category: 'reasoning' });
    expect(rows.map((r: any) => r.model.slug)).toEqual(slugs);
    for (const row of rows) {
      row.scores.forEach((score: any, i: number) => score && expect(score.suite.slug).toBe(suites[i]));
    }
    // DeepSeek-R1 takes no images: no MMMU score.
    expect(rows[2].scores[2]).toBeNull();
    // The strongest reasoning models sit at the top of GPQA; the small chat model well below.
    expect(rows[0].scores[0].percentile).toBeGreaterThan(90);
    expect(rows[3].scores[0].percentile).toBeLessThan(rows[0].scores[0].percentile);
    expect(Number(rows[0].scores[0].scoreNormalized)).toBeGreaterThan(Number(rows[3].scores[0].scoreNormalized));
  });

  it('costs the same for two models as for ten', async () => {
    const count = async (slugs: string[]) => {
      subgraph.statements.reset();
      const res = await subgraph.query<any>(COMPARE, { slugs, suites: ['mmlu', 'gsm8k', 'math'] });
      expect(res.errors).toBeUndefined();
      return subgraph.statements.count();
    };
    const ten = ['o3', 'o4-mini', 'gpt-4o', 'gpt-4.1', 'claude-opus-4', 'claude-sonnet-4', 'gemini-2.5-pro', 'deepseek-r1', 'grok-3', 'qwen3-235b-a22b'];
    expect(await count(ten)).toBe(await count(ten.slice(0, 2)));
  });

  it('names the unknown model or suite', async () => {
    const unknownModel = await subgraph.query<any>(COMPARE, { slugs: ['o3', 'gpt-5-turbo-max'], suites: ['mmlu'] });
    expect(unknownModel.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slugs[1]' });
    const unknownSuite = await subgraph.query<any>(COMPARE, { slugs: ['o3'], suites: ['mmlu', 'vibes'] });
    expect(unknownSuite.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suites[1]' });
    const none = await subgraph.query<any>(COMPARE, { slugs: [], suites: ['mmlu'] });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slugs' });
  });
});

describe('benchmarks', () => {
  it('lists suites, a suite’s leaderboard, and a model’s history on a suite', async () => {
    const res = await subgraph.query<any>(`{
      benchmarkSuites { slug }
      code: benchmarkSuites(category: "code") { slug }
      benchmarkSuite(slug: "humaneval") { name description(locale: "zh-CN") maxScore leaderboard(first: 3) { totalCount edges { node { model { slug } scoreNormalized percentile } } } }
      model(slug: "o3") { benchmarkHistory(suite: "math") { scoreNormalized evaluationDate isOfficial evaluationCommit } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.benchmarkSuites.map((s: any) => s.slug)).toEqual(expect.arrayContaining(['mmlu', 'humaneval', 'gsm8k', 'math', 'gpqa', 'mmmu']));
    expect(res.data.code.map((s: any) => s.slug)).toEqual(['humaneval', 'swe-bench-verified']);
    const suite = res.data.benchmarkSuite;
    expect(suite.description).toMatch(/Python/);
    expect(suite.leaderboard.totalCount).toBeGreaterThanOrEqual(30);
    const top = suite.leaderboard.edges.map((e: any) => Number(e.node.scoreNormalized));
    expect(top).toEqual([...top].sort((a, b) => b - a));
    expect(suite.leaderboard.edges[0].node.percentile).toBe(100);
    const history = res.data.model.benchmarkHistory;
    expect(history).toHaveLength(2);
    expect(history[0].evaluationDate > history[1].evaluationDate).toBe(true);
    expect(history[0].evaluationCommit).toMatch(/^[0-9a-f]{12}$/);
  });

});
