import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';
import { ADMIN, userIdentity } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

const FIELDS = 'preferredLocale preferredRegion preferredCurrency favoriteModels { slug } displayPreferences updatedAt';
const UPDATE = `mutation ($input: UpdatePreferencesInput!) { updateMyPreferences(input: $input) { ${FIELDS} } }`;
const MINE = `{ myPreferences { ${FIELDS} } }`;
const OF_USER = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id catalogPreferences { ${FIELDS} } } } }`;

const alice = userIdentity();
const bob = userIdentity();

let modelIds: Record<string, string>;
beforeAll(async () => {
  const { data } = await subgraph.query<any>('{ a: model(slug: "claude-opus-4") { id } b: model(slug: "gemini-2.5-pro") { id } }');
  modelIds = { opus: data.a.id, gemini: data.b.id };
  const saved = await subgraph.query<any>(
    UPDATE,
    { input: { preferredLocale: 'de-de', preferredRegion: 'eu-central', preferredCurrency: 'EUR', favoriteModelIds: [modelIds.opus, modelIds.gemini], displayPreferences: { theme: 'dark' } } },
    alice,
  );
  expect(saved.errors).toBeUndefined();
});

describe('user preferences', () => {
  it('are saved and read back by their owner', async () => {
    const res = await subgraph.query<any>(MINE, {}, alice);
    expect(res.data.myPreferences).toMatchObject({
      preferredLocale: 'de-DE',
      preferredRegion: 'eu-central',
      preferredCurrency: 'EUR',
      favoriteModels: [{ slug: 'claude-opus-4' }, { slug: 'gemini-2.5-pro' }],
      displayPreferences: { theme: 'dark' },
    });
    // A partial update changes only what it names.
    const again = await subgraph.query<any>(UPDATE, { input: { preferredRegion: null } }, alice);
    expect(again.data.updateMyPreferences).toMatchObject({ preferredLocale: 'de-DE', preferredRegion: null, preferredCurrency: 'EUR' });
  });

  it('are invisible to other users and to anonymous callers, through every path', async () => {
    // Bob has saved nothing: he gets the defaults, never Alice's row.
    const bobs = await subgraph.query<any>(MINE, {}, bob);
    expect(bobs.data.myPreferences).toEqual({ preferredLocale: 'en-US', preferredRegion: null, preferredCurrency: 'USD', favoriteModels: [], displayPreferences: {}, updatedAt: null });
    const aliceAsSeenByBob = await subgraph.query<any>(OF_USER, { r: [{ __typename: 'User', id: alice.userId }] }, bob);
    expect(aliceAsSeenByBob.data._entities).toEqual([{ id: alice.userId, catalogPreferences: null }]);

    expect((await subgraph.query<any>(MINE, {}, ANONYMOUS)).data.myPreferences).toBeNull();
    const aliceAsSeenByNobody = await subgraph.query<any>(OF_USER, { r: [{ __typename: 'User', id: alice.userId }] }, ANONYMOUS);
    expect(aliceAsSeenByNobody.data._entities).toEqual([{ id: alice.userId, catalogPreferences: null }]);
  });

  it('are visible to their owner through the User entity, and to admins', async () => {
    const own = await subgraph.query<any>(OF_USER, { r: [{ __typename: 'User', id: alice.userId }] }, alice);
    expect(own.data._entities[0].catalogPreferences.preferredCurrency).toBe('EUR');
    const admin = await subgraph.query<any>(OF_USER, { r: [{ __typename: 'User', id: alice.userId }, { __typename: 'User', id: bob.userId }] }, ADMIN);
    expect(admin.data._entities.map((u: any) => u.catalogPreferences?.preferredCurrency ?? null)).toEqual(['EUR', null]);
  });

  it('can be saved only by a signed-in user whose credential may write, with valid values', async () => {
    expect((await subgraph.query<any>(UPDATE, { input: { preferredCurrency: 'EUR' } }, ANONYMOUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(UPDATE, { input: { preferredCurrency: 'EUR' } }, { ...bob, scopes: ['read'] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ preferredCurrency: 'EURO' }, 'input.preferredCurrency'],
      [{ preferredLocale: 'xx_not_a_locale' }, 'input.preferredLocale'],
      [{ preferredRegion: 'Mars' }, 'input.preferredRegion'],
      [{ favoriteModelIds: [modelIds.opus, '7d1f6c5e-0000-4000-8000-000000000000'] }, 'input.favoriteModelIds[1]'],
      [{ displayPreferences: ['not', 'an', 'object'] }, 'input.displayPreferences'],
    ];
    for (const [input, field] of invalid) {
      expect((await subgraph.query<any>(UPDATE, { input }, bob)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Nothing of those attempts was saved for Bob.
    expect((await subgraph.query<any>(MINE, {}, bob)).data.myPreferences.updatedAt).toBeNull();
  });
});
