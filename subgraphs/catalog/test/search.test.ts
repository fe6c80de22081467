import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';
import { ADMIN, uniqueSlug } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

async function search(query: string, extra = '') {
  const res = await subgraph.query<any>(`query ($q: String!) { searchModels(query: $q${extra}) { model { slug } score matchedBy highlight } }`, { q: query });
  expect(res.errors).toBeUndefined();
  return res.data.searchModels as Array<{ model: { slug: string }; score: number; matchedBy: string; highlight: string | null }>;
}

describe('searchModels', () => {
  it('ranks a match in the name above a match in the description', async () => {
    const word = `zephyr${Date.now().toString(36)}`;
    const created = await subgraph.query<any>('mutation ($slug: String!) { createProvider(input: { slug: $slug, name: "Search Lab" }) { id } }', { slug: uniqueSlug('search-lab') }, ADMIN);
    const provider = created.data.createProvider.id;
    const create = (slug: string, name: string, description: string) =>
      subgraph.query<any>(
        'mutation ($input: CreateModelInput!) { createModel(input: $input) { slug } }',
        { input: { providerId: provider, slug, name: [{ locale: 'en-US', text: name }], description: [{ locale: 'en-US', text: description }] } },
        ADMIN,
      );
    const inDescription = uniqueSlug('described');
    const inName = uniqueSlug('named');
    expect((await create(inDescription, 'Plain Model', `A general model, tuned on ${word} transcripts.`)).errors).toBeUndefined();
    expect((await create(inName, `${word} Large`, 'A general model.')).errors).toBeUndefined();

    const hits = await search(word);
    expect(hits.map((h) => h.model.slug)).toEqual([inName, inDescription]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits.every((h) => h.matchedBy === 'FULL_TEXT')).toBe(true);
    expect(hits[1]!.highlight).toContain(`<b>${word}</b>`);
  });

  it('finds seeded models by name before description, stemming English words', async () => {
    expect((await search('o3')).map((h) => h.model.slug)).toEqual(['o3', 'o4-mini']); // o4-mini: "…the cost of o3"
    const reasoning = (await search('reasoning models')).map((h) => h.model.slug);
    expect(reasoning).toEqual(expect.arrayContaining(['o3', 'o4-mini', 'deepseek-r1']));
  });

  it('searches localized names and answers with the excerpt in the caller’s locale', async () => {
    const hits = await search('通义千问', ', locale: "zh-CN"');
    expect(hits.map((h) => h.model.slug).sort()).toEqual(['qwen-2.5-72b-instruct', 'qwen2.5-vl-72b-instruct', 'qwen3-235b-a22b']);
    expect(hits[0]!.highlight).toMatch(/通义千问/);
  });

  it('leaves out inactive models, as seed 000’s search does', async () => {
    expect((await search('sonnet')).map((h) => h.model.slug)).toEqual(['claude-sonnet-4']); // claude-3.5-sonnet is retired
  });

  it('falls back to similar spelling when no word matches', async () => {
    const hits = await search('claud sonet');
    expect(hits[0]).toMatchObject({ model: { slug: 'claude-sonnet-4' }, matchedBy: 'SIMILAR_SPELLING' });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect((await search('gemni flsh')).slice(0, 3).map((h) => h.model.slug)).toContain('gemini-2.5-flash');
  });

  it('names the bad argument', async () => {
    for (const [args, field] of [['query: "  "', 'query'], ['query: "x", first: 0', 'first'], ['query: "x", first: 500', 'first']]) {
      const res = await subgraph.query<any>(`{ searchModels(${args}) { score } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
