import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

const slugsOf = (res: any) => res.data.models.edges.map((e: any) => e.node.slug);

async function models(args: string, fields = 'slug') {
  const res = await subgraph.query<any>(`{ models(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`);
  expect(res.errors).toBeUndefined();
  return res;
}

describe('the directory', () => {
  it('lists models with their provider and localized names, falling back to en-US', async () => {
    const res = await subgraph.query<any>(`{
      deepseek: model(slug: "deepseek-chat") { zh: name(locale: "zh-CN") en: name provider { slug name } }
      gpt: model(slug: "gpt-4o") { fr: name(locale: "fr-FR") description(locale: "zh-CN") releasedAt contextWindow }
      models(first: 3) { totalCount edges { node { slug } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.deepseek).toEqual({ zh: '深度求索 DeepSeek-V3', en: 'DeepSeek-V3', provider: { slug: 'deepseek', name: 'DeepSeek' } });
    expect(res.data.gpt).toMatchObject({ fr: 'GPT-4o', releasedAt: '2024-05-13', contextWindow: 128000 });
    expect(res.data.gpt.description).toMatch(/^OpenAI 的全能模型/);
    expect(res.data.models.totalCount).toBeGreaterThanOrEqual(30);
  });

  it('filters by provider, modality, capability, activity, context window and release dates', async () => {
    const anthropicActive = await models('first: 50, filter: { providerSlugs: ["anthropic"], isActive: true }, orderBy: { field: NAME }');
    expect(slugsOf(anthropicActive)).toEqual(['claude-3.5-haiku', 'claude-opus-4', 'claude-sonnet-4']);

    const longReasoning = await models('first: 50, filter: { capabilities: ["reasoning"], modalities: ["text", "video"], minContextWindow: 1000000 }, orderBy: { field: NAME }');
    expect(slugsOf(longReasoning)).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);

    const april = await models('first: 50, filter: { providerSlugs: ["openai"], releasedAfter: "2025-04-01", releasedBefore: "2025-04-20" }, orderBy: { field: NAME }');
    expect(slugsOf(april)).toEqual(['gpt-4.1', 'o3', 'o4-mini']);

    const small = await models('first: 50, filter: { maxContextWindow: 20000 }', 'contextWindow');
    expect(small.data.models.edges.every((e: any) => e.node.contextWindow <= 20000)).toBe(true);
    expect(small.data.models.totalCount).toBeGreaterThan(0);
  });

  it('names the argument of an impossible filter or sort', async () => {
    const cases: Array<[string, string]> = [
      ['filter: { minContextWindow: 10, maxContextWindow: 5 }', 'filter.maxContextWindow'],
      ['filter: { providerIds: ["openai"] }', 'filter.providerIds[0]'],
      ['filter: { releasedAfter: "2025-01-01", releasedBefore: "2024-01-01" }', 'filter.releasedBefore'],
      ['orderBy: { field: BENCHMARK_SCORE }', 'orderBy.suite'],
      ['orderBy: { field: BENCHMARK_SCORE, suite: "no-such-suite" }', 'orderBy.suite'],
    ];
    for (const [args, field] of cases) {
      const res = await subgraph.query<any>(`{ models(${args}) { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('sorts stably: pages never repeat or skip a model, ties go by id', async () => {
    // The seeded providers only: other tests add models of their own providers meanwhile.
    const seeded = 'filter: { providerSlugs: ["openai", "anthropic", "google", "meta-llama", "mistralai", "cohere", "deepseek", "x-ai", "qwen"] }';
    for (const order of ['{ field: NAME }', '{ field: CONTEXT_WINDOW, direction: DESC }', '{ field: RELEASED_AT }', '{ field: BENCHMARK_SCORE, suite: "gpqa", direction: DESC }']) {
      const whole = slugsOf(await models(`first: 100, ${seeded}, orderBy: ${order}`));
      expect(whole).toHaveLength(30);
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const res: any = await models(`first: 7, ${seeded}, orderBy: ${order}${after ? `, after: "${after}"` : ''}`);
        paged.push(...slugsOf(res));
        after = res.data.models.pageInfo.hasNextPage ? res.data.models.pageInfo.endCursor : null;
      } while (after);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    }
  });

  it('sorts by context window and by the latest score on a suite, models without one last', async () => {
    const byContext = await models('first: 100, orderBy: { field: CONTEXT_WINDOW, direction: DESC }', 'id contextWindow');
    const nodes = byContext.data.models.edges.map((e: any) => e.node);
    for (let i = 1; i < nodes.length; i++) {
      const [a, b] = [nodes[i - 1], nodes[i]];
      if (a.contextWindow !== null && b.contextWindow !== null) expect(a.contextWindow >= b.contextWindow).toBe(true);
      if (a.contextWindow === b.contextWindow) expect(a.id < b.id).toBe(true);
    }

    const res = await models('first: 100, orderBy: { field: BENCHMARK_SCORE, suite: "mmmu", direction: DESC }', 'slug latestBenchmarks { suite { slug } scoreNormalized }');
    const scores = res.data.models.edges.map((e: any) => e.node.latestBenchmarks.find((b: any) => b.suite.slug === 'mmmu')?.scoreNormalized ?? null);
    const firstMissing = scores.indexOf(null);
    expect(firstMissing).toBeGreaterThan(0); // text-only models have no MMMU score: they come last
    expect(scores.slice(firstMissing).every((s: unknown) => s === null)).toBe(true);
    const present = scores.slice(0, firstMissing).map(Number);
    expect(present).toEqual([...present].sort((a, b) => b - a));
  });
});

describe('statements', () => {
  const everything = (n: number) => `{ models(first: ${n}) { totalCount edges { node {
    slug name(locale: "zh-CN") provider { name models(first: 2) { totalCount edges { node { slug } } } }
    pricing(region: "eu-west") { tier currency inputPerMillion } pricingHistory { tier effectiveFrom }
    latestBenchmarks { suite { slug name } scoreNormalized percentile }
    endpoints(preferredRegion: "eu-west") { region priority }
    documentation { docType title } news(first: 2) { mentionType article { slug mentions { model { slug } } } }
  } } } }`;

  it('costs the same for 3 models as for 30, however many relations each has', async () => {
    subgraph.statements.reset();
    const few = await subgraph.query<any>(everything(3));
    expect(few.errors).toBeUndefined();
    const fewCount = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await subgraph.query<any>(everything(30));
    expect(many.errors).toBeUndefined();
    expect(many.data.models.edges).toHaveLength(30);
    // Not always equal: with 3 models, the models the news mention are not loaded yet and cost one more batch.
    expect(subgraph.statements.count()).toBeLessThanOrEqual(fewCount);
  });

  it('resolves Model, Provider and BenchmarkSuite references by id and by slug, batched', async () => {
    const { data } = await subgraph.query<any>('{ models(first: 20) { edges { node { id slug provider { id slug } } } } benchmarkSuites { id slug } }');
    const models = data.models.edges.map((e: any) => e.node);
    const references = (n: number): Array<[Record<string, string>, string]> => [
      ...models.slice(0, n).flatMap((m: any): Array<[Record<string, string>, string]> => [
        [{ __typename: 'Model', id: m.id }, m.slug],
        [{ __typename: 'Model', slug: m.slug }, m.slug],
        [{ __typename: 'Provider', id: m.provider.id }, m.provider.slug],
        [{ __typename: 'Provider', slug: m.provider.slug }, m.provider.slug],
      ]),
      ...data.benchmarkSuites.slice(0, n).flatMap((s: any): Array<[Record<string, string>, string]> => [
        [{ __typename: 'BenchmarkSuite', id: s.id }, s.slug],
        [{ __typename: 'BenchmarkSuite', slug: s.slug }, s.slug],
      ]),
    ];
    const fetch = async (n: number) => {
      subgraph.statements.reset();
      const res = await subgraph.query<any>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { slug } ... on Provider { slug } ... on BenchmarkSuite { slug } } }',
        { r: references(n).map(([reference]) => reference) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data._entities.map((e: any) => e.slug)).toEqual(references(n).map(([, slug]) => slug));
      return subgraph.statements.count();
    };
    expect(await fetch(8)).toBe(await fetch(2));
  });

  it('finds a model and its provider by an id written in upper case', async () => {
    const { data } = await subgraph.query<any>('{ model(slug: "gpt-4o") { id provider { id } } }');
    const res = await subgraph.query<any>('query ($m: ID!, $p: ID!) { model(id: $m) { slug } provider(id: $p) { slug } }', {
      m: data.model.id.toUpperCase(),
      p: data.model.provider.id.toUpperCase(),
    });
    expect(res.data).toEqual({ model: { slug: 'gpt-4o' }, provider: { slug: 'openai' } });
  });

  it('answers BAD_USER_INPUT naming the argument for an id that is not one, as every domain does', async () => {
    const res = await subgraph.query<any>('{ model(id: "not-a-uuid") { slug } provider(id: "42") { slug } }');
    expect(res.data).toEqual({ model: null, provider: null });
    expect(res.errors!.map((e: any) => [e.path[0], e.extensions.code, e.extensions.field])).toEqual([
      ['model', 'BAD_USER_INPUT', 'id'],
      ['provider', 'BAD_USER_INPUT', 'id'],
    ]);
  });

  it('answers null for a well-formed id that names nothing', async () => {
    const res = await subgraph.query<any>('{ model(id: "00000000-0000-4000-8000-000000000000") { slug } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ model: null });
  });
});

describe('the subgraph WebSocket', () => {
  it('serves subscriptions only: queries and mutations belong on HTTP, in a request transaction', async () => {
    const client = createClient({
      url: subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { [IDENTITY_HEADER]: await signIdentity(ANONYMOUS, process.env.IDENTITY_SECRET!) },
    });
    try {
      const outcome = await new Promise<unknown>((resolve) => client.subscribe({ query: '{ models(first: 1) { totalCount } }' }, { next: resolve, error: resolve, complete: () => {} }));
      expect((outcome as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('BAD_REQUEST');
    } finally {
      await client.dispose();
    }
  });
});
