import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

async function query(document: string) {
  const res = await subgraph.query<any>(document);
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe('news', () => {
  it('lists published articles newest first, with the models they mention', async () => {
    const { news } = await query(`{ news(first: 3) { totalCount pageInfo { hasNextPage } edges { node {
      slug title publishedAt category tags isFeatured author { id }
      mentions { mentionType model { slug provider { slug } } }
    } } } }`);
    expect(news.totalCount).toBe(12); // the seed's draft is not published
    expect(news.pageInfo.hasNextPage).toBe(true);
    const [latest] = news.edges.map((e: any) => e.node);
    expect(latest).toMatchObject({ slug: 'claude-3-5-sonnet-retirement', title: 'Claude 3.5 Sonnet is retired', category: 'deprecation', publishedAt: '2025-08-13T17:00:00.000Z' });
    expect(latest.author.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(latest.mentions).toEqual([
      { mentionType: 'PRIMARY', model: { slug: 'claude-3.5-sonnet', provider: { slug: 'anthropic' } } },
      { mentionType: 'BRIEF', model: { slug: 'claude-sonnet-4', provider: { slug: 'anthropic' } } },
    ]);
    const dates = news.edges.map((e: any) => e.node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by tag and by category', async () => {
    const data = await query(`{
      pricing: news(tag: "pricing") { edges { node { slug } } }
      benchmarks: news(category: "benchmark") { edges { node { slug category } } }
      openWeightsReleases: news(tag: "open-weights", category: "release") { totalCount }
    }`);
    expect(data.pricing.edges.map((e: any) => e.node.slug)).toEqual(['gemini-2-5-pro-and-flash-generally-available', 'openai-cuts-o3-price-by-80-percent']);
    expect(data.benchmarks.edges.map((e: any) => e.node.slug)).toEqual(['gpqa-diamond-leaderboard-autumn', 'deepseek-r1-matches-o1-on-math']);
    expect(data.openWeightsReleases.totalCount).toBe(3);
  });

  it('answers a model’s latest news with the kind of mention', async () => {
    const { model } = await query('{ model(slug: "o3") { news(first: 2) { mentionType article { slug title(locale: "zh-CN") } } } }');
    expect(model.news).toEqual([
      { mentionType: 'COMPARISON', article: { slug: 'gpqa-diamond-leaderboard-autumn', title: 'GPQA Diamond: reasoning models pull ahead' } },
      { mentionType: 'PRIMARY', article: { slug: 'openai-cuts-o3-price-by-80-percent', title: 'OpenAI 将 o3 价格下调 80%' } },
    ]);
  });

  it('keeps drafts out of every path', async () => {
    const data = await query(`{
      newsArticle(slug: "draft-open-weights-roundup") { slug }
      published: newsArticle(slug: "qwen3-hybrid-thinking-release") { title(locale: "zh-CN") summary content availableLocales }
      model(slug: "llama-4-maverick") { news(first: 10) { article { slug } } }
    }`);
    expect(data.newsArticle).toBeNull();
    expect(data.published.title).toBe('通义千问 Qwen3 发布：开放权重的混合思考模型');
    expect(data.published.content).toMatch(/^## Qwen3 brings hybrid thinking/);
    expect(data.published.availableLocales).toEqual(['en-US', 'zh-CN']);
    expect(data.model.news.map((n: any) => n.article.slug)).not.toContain('draft-open-weights-roundup');
  });

  it('costs the same for 2 articles as for 12, mentions and models included', async () => {
    const count = async (n: number) => {
      subgraph.statements.reset();
      await query(`{ news(first: ${n}) { edges { node { slug mentions { model { slug news(first: 3) { article { slug } } } } } } } }`);
      return subgraph.statements.count();
    };
    expect(await count(12)).toBeLessThanOrEqual(await count(2));
  });
});
