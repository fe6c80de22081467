import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MODEL_CHANGED, type ModelChangedEvent } from '../src/events.js';
import { catalog } from '../src/subgraph.js';
import { ADMIN, editorIdentity, uniqueSlug, userIdentity } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

async function mutate(document: string, variables: Record<string, unknown> = {}, identity: Identity = ADMIN) {
  return subgraph.query<any>(document, variables, identity);
}

async function ok(document: string, variables: Record<string, unknown> = {}, identity: Identity = ADMIN) {
  const res = await mutate(document, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data;
}

const CREATE_PROVIDER = 'mutation ($input: CreateProviderInput!) { createProvider(input: $input) { id slug name regions } }';
const CREATE_MODEL = 'mutation ($input: CreateModelInput!) { createModel(input: $input) { id slug name isActive provider { slug } } }';
const CREATE_PRICE = 'mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id tier region currency inputPerMillion effectiveFrom effectiveTo } }';
const CREATE_SCORE = 'mutation ($input: CreateBenchmarkScoreInput!) { createBenchmarkScore(input: $input) { id scoreRaw scoreNormalized percentile } }';

/** A provider and a model of this test's own. */
async function fixture() {
  const { createProvider: provider } = await ok(CREATE_PROVIDER, { input: { slug: uniqueSlug('lab'), name: 'Test Lab', regions: ['eu-west', 'us-east'] } });
  const { createModel: model } = await ok(CREATE_MODEL, {
    input: { providerId: provider.id, slug: uniqueSlug('model'), name: [{ locale: 'en-US', text: 'Test Model' }], contextWindow: 32000, modalities: ['text'], releasedAt: '2025-01-01' },
  });
  return { provider, model };
}

const expectBadInput = (res: any, field: string) => expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });

describe('who may edit the catalog', () => {
  const input = () => ({ input: { slug: uniqueSlug('who'), name: 'Who' } });

  it('turns away anonymous callers and users without the right', async () => {
    expect((await mutate(CREATE_PROVIDER, input(), ANONYMOUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await mutate(CREATE_PROVIDER, input(), userIdentity())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets admins and keys with the catalog:write scope edit', async () => {
    expect((await mutate(CREATE_PROVIDER, input(), ADMIN)).errors).toBeUndefined();
    expect((await mutate(CREATE_PROVIDER, input(), editorIdentity())).errors).toBeUndefined();
  });
});

describe('providers and models', () => {
  it('validates before writing and names the field', async () => {
    const { provider } = await fixture();
    expectBadInput(await mutate(CREATE_PROVIDER, { input: { slug: 'Not A Slug', name: 'x' } }), 'input.slug');
    expectBadInput(await mutate(CREATE_PROVIDER, { input: { slug: uniqueSlug('p'), name: 'x', websiteUrl: 'ftp://example.com' } }), 'input.websiteUrl');
    expectBadInput(await mutate(CREATE_PROVIDER, { input: { slug: uniqueSlug('p'), name: 'x', regions: ['eu-west', 'EU West'] } }), 'input.regions[1]');
    const model = (extra: Record<string, unknown>) => ({ input: { providerId: provider.id, slug: uniqueSlug('m'), name: [{ locale: 'en-US', text: 'M' }], ...extra } });
    expectBadInput(await mutate(CREATE_MODEL, model({ name: [{ locale: 'zh-CN', text: '模型' }] })), 'input.name');
    expectBadInput(await mutate(CREATE_MODEL, model({ name: [{ locale: 'en-US', text: 'M' }, { locale: 'not a locale!', text: 'x' }] })), 'input.name[1].locale');
    expectBadInput(await mutate(CREATE_MODEL, model({ modalities: ['text', 'smell'] })), 'input.modalities[1]');
    expectBadInput(await mutate(CREATE_MODEL, model({ contextWindow: -5 })), 'input.contextWindow');
    expectBadInput(await mutate(CREATE_MODEL, model({ contextWindow: 8000, maxOutputTokens: 16000 })), 'input.maxOutputTokens');
    expectBadInput(await mutate(CREATE_MODEL, model({ releasedAt: '2025-05-01', deprecatedAt: '2025-01-01' })), 'input.deprecatedAt');
    expectBadInput(await mutate(CREATE_MODEL, model({ providerId: '7d1f6c5e-0000-4000-8000-000000000000' })), 'input.providerId');
    const taken = await mutate(CREATE_MODEL, model({ slug: 'gpt-4o' }));
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
  });

  it('writes nothing when any mutation of the request fails', async () => {
    const slug = uniqueSlug('rolled-back');
    const res = await mutate(
      `mutation ($slug: String!) {
        createProvider(input: { slug: $slug, name: "Half" }) { id }
        createModel(input: { providerId: "7d1f6c5e-0000-4000-8000-000000000000", slug: "half-model", name: [{ locale: "en-US", text: "Half" }] }) { id }
      }`,
      { slug },
    );
    expectBadInput(res, 'input.providerId');
    expect((await subgraph.query<any>(`{ provider(slug: "${slug}") { id } }`)).data.provider).toBeNull();
  });

  it('updates a model, and answers NOT_FOUND for one that does not exist', async () => {
    const { model } = await fixture();
    const { updateModel } = await ok('mutation ($id: ID!) { updateModel(id: $id, input: { name: [{ locale: "en-US", text: "Renamed" }, { locale: "zh-cn", text: "改名" }], isActive: false }) { name zh: name(locale: "zh-CN") isActive } }', { id: model.id });
    expect(updateModel).toEqual({ name: 'Renamed', zh: '改名', isActive: false });
    const missing = await mutate('mutation { updateModel(id: "7d1f6c5e-0000-4000-8000-000000000000", input: { isActive: true }) { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('modelChanged', () => {
  it('is published once the change commits, with what other domains keep', async () => {
    const events: ModelChangedEvent[] = [];
    const iterator = subgraph.bus.subscribe<ModelChangedEvent>(MODEL_CHANGED);
    const collecting = (async () => {
      for await (const event of iterator) events.push(event);
    })();
    try {
      const { model, provider } = await fixture();
      const failed = await mutate(
        'mutation ($id: ID!) { updateModel(id: $id, input: { isActive: false }) { id } createProvider(input: { slug: "Bad Slug", name: "x" }) { id } }',
        { id: model.id },
      );
      expect(failed.errors).toBeDefined();
      await ok('mutation ($id: ID!) { updateModel(id: $id, input: { contextWindow: 64000 }) { id } }', { id: model.id });
      await waitFor(() => events.filter((e) => e.id === model.id).length >= 2);
      const mine = events.filter((e) => e.id === model.id);
      // Created, then updated; the rolled-back update published nothing.
      expect(mine).toEqual([
        { id: model.id, slug: model.slug, providerId: provider.id, isActive: true, name: 'Test Model' },
        { id: model.id, slug: model.slug, providerId: provider.id, isActive: true, name: 'Test Model' },
      ]);
    } finally {
      await iterator.return?.();
      await collecting;
    }
  });

  it('reaches subscribers over graphql-ws, filtered by slug', async () => {
    const { model } = await fixture();
    const client = createClient({
      url: subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ [IDENTITY_HEADER]: await signIdentity(ANONYMOUS, process.env.IDENTITY_SECRET!) }),
    });
    try {
      const subscription = client.iterate<any>({ query: `subscription { modelChanged(slugs: ["${model.slug}"]) { slug name contextWindow provider { name } } }` });
      const first = subscription.next();
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscription reach the bus
      await ok('mutation ($id: ID!) { updateModel(id: $id, input: { contextWindow: 100000 }) { id } }', { id: model.id });
      const { value } = await first;
      expect(value.data.modelChanged).toEqual({ slug: model.slug, name: 'Test Model', contextWindow: 100000, provider: { name: 'Test Lab' } });
      await subscription.return?.();
    } finally {
      await client.dispose();
    }
  });
});

describe('ids', () => {
  it('are read in either case', async () => {
    const { model, provider } = await fixture();
    const updated = await ok('mutation ($id: ID!) { updateModel(id: $id, input: { contextWindow: 64000 }) { id contextWindow } }', { id: model.id.toUpperCase() });
    expect(updated.updateModel).toEqual({ id: model.id, contextWindow: 64000 });
    const renamed = await ok('mutation ($id: ID!) { updateProvider(id: $id, input: { name: "Upper Lab" }) { id name } }', { id: provider.id.toUpperCase() });
    expect(renamed.updateProvider).toEqual({ id: provider.id, name: 'Upper Lab' });
  });
});

describe('modelChanged resolution', () => {
  it('reads each event\'s model and its relations as they are now, not as an earlier event found them', async () => {
    const { model, provider } = await fixture();
    const client = createClient({
      url: subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ [IDENTITY_HEADER]: await signIdentity(ANONYMOUS, process.env.IDENTITY_SECRET!) }),
    });
    try {
      const subscription = client.iterate<any>({ query: `subscription { modelChanged(slugs: ["${model.slug}"]) { contextWindow provider { name } } }` });
      const first = subscription.next();
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscription reach the bus
      await ok('mutation ($id: ID!) { updateModel(id: $id, input: { contextWindow: 100000 }) { id } }', { id: model.id });
      expect((await first).value.data.modelChanged).toEqual({ contextWindow: 100000, provider: { name: 'Test Lab' } });
      await ok('mutation ($id: ID!) { updateProvider(id: $id, input: { name: "Renamed Lab" }) { id } }', { id: provider.id });
      const second = subscription.next();
      await ok('mutation ($id: ID!) { updateModel(id: $id, input: { contextWindow: 120000 }) { id } }', { id: model.id });
      expect((await second).value.data.modelChanged).toEqual({ contextWindow: 120000, provider: { name: 'Renamed Lab' } });
      await subscription.return?.();
    } finally {
      await client.dispose();
    }
  });
});

describe('pricing', () => {
  it('adds prices, refuses overlapping periods, and changes a price atomically', async () => {
    const { model } = await fixture();
    const price = (extra: Record<string, unknown>) => ({ input: { modelId: model.id, tier: 'standard', currency: 'USD', inputPerMillion: '1.5', outputPerMillion: '6', effectiveFrom: '2025-01-01', ...extra } });
    const { createPrice: first } = await ok(CREATE_PRICE, price({}));
    expect(first).toMatchObject({ tier: 'standard', region: null, currency: 'USD', inputPerMillion: '1.5', effectiveTo: null });
    await ok(CREATE_PRICE, price({ region: 'eu-west', currency: 'EUR', inputPerMillion: '1.40' }));

    const overlap = await mutate(CREATE_PRICE, price({ effectiveFrom: '2025-06-01' }));
    expectBadInput(overlap, 'input.effectiveFrom');
    expect(overlap.errors?.[0]?.message).toMatch(/overlaps the standard price globally in effect from 2025-01-01 with no end/);

    // End the old price and start the new one in one request: both or neither.
    const change = await mutate(
      `mutation ($old: ID!, $input: CreatePriceInput!) { updatePrice(id: $old, input: { effectiveTo: "2025-06-01" }) { effectiveTo } createPrice(input: $input) { id } }`,
      { old: first.id, ...price({ effectiveFrom: '2025-06-01', inputPerMillion: '0.75', outputPerMillion: '3' }) },
    );
    expect(change.errors).toBeUndefined();
    const { model: after } = await ok(`{ model(slug: "${model.slug}") {
      global: pricing { inputPerMillion effectiveFrom } europe: pricing(region: "eu-west") { currency inputPerMillion }
      pricingHistory(tier: "standard") { region inputPerMillion effectiveFrom effectiveTo } } }`);
    expect(after.global).toEqual([{ inputPerMillion: '0.75', effectiveFrom: '2025-06-01' }]);
    expect(after.europe).toEqual([{ currency: 'EUR', inputPerMillion: '1.4' }]);
    expect(after.pricingHistory).toEqual([
      { region: null, inputPerMillion: '0.75', effectiveFrom: '2025-06-01', effectiveTo: null },
      { region: null, inputPerMillion: '1.5', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-01' },
      { region: 'eu-west', inputPerMillion: '1.4', effectiveFrom: '2025-01-01', effectiveTo: null },
    ]);
  });

  it('lets only one of several simultaneous overlapping prices in', async () => {
    const { model } = await fixture();
    const input = { input: { modelId: model.id, tier: 'academic', currency: 'USD', inputPerMillion: '0.5', effectiveFrom: '2025-03-01' } };
    const results = await Promise.all([mutate(CREATE_PRICE, input), mutate(CREATE_PRICE, input), mutate(CREATE_PRICE, input)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) expectBadInput(failed, 'input.effectiveFrom');
  });

  it('validates currency, amounts, discounts and date ranges', async () => {
    const { model } = await fixture();
    const price = (extra: Record<string, unknown>) => ({ input: { modelId: model.id, tier: 'standard', currency: 'USD', inputPerMillion: '1', effectiveFrom: '2025-01-01', ...extra } });
    expectBadInput(await mutate(CREATE_PRICE, price({ currency: 'usd' })), 'input.currency');
    expectBadInput(await mutate(CREATE_PRICE, price({ currency: 'XYZ' })), 'input.currency');
    expectBadInput(await mutate(CREATE_PRICE, price({ inputPerMillion: '1.23456' })), 'input.inputPerMillion');
    expectBadInput(await mutate(CREATE_PRICE, price({ inputPerMillion: null })), 'input.inputPerMillion');
    expectBadInput(await mutate(CREATE_PRICE, price({ tier: 'Gold Tier' })), 'input.tier');
    expectBadInput(await mutate(CREATE_PRICE, price({ region: 'Europe' })), 'input.region');
    expectBadInput(await mutate(CREATE_PRICE, price({ effectiveTo: '2024-12-31' })), 'input.effectiveTo');
    expectBadInput(
      await mutate(CREATE_PRICE, price({ volumeDiscounts: [{ minMillionTokens: 100, discountPercent: '5' }, { minMillionTokens: 50, discountPercent: '10' }] })),
      'input.volumeDiscounts[1].minMillionTokens',
    );
    expectBadInput(await mutate(CREATE_PRICE, price({ volumeDiscounts: [{ minMillionTokens: 100, discountPercent: '150' }] })), 'input.volumeDiscounts[0].discountPercent');
    expectBadInput(await mutate(CREATE_PRICE, price({ inputPerMillion: 'lots' })), 'Decimal');
    expect((await subgraph.query<any>(`{ model(slug: "${model.slug}") { pricingHistory { id } } }`)).data.model.pricingHistory).toEqual([]);
  });
});

describe('benchmark scores', () => {
  it('records a score, derives the normalized one, and ranks the model on the suite', async () => {
    const { model } = await fixture();
    const { benchmarkSuite: gsm8k } = (await subgraph.query<any>('{ benchmarkSuite(slug: "gsm8k") { id } }')).data;
    const { createBenchmarkScore: score } = await ok(CREATE_SCORE, { input: { modelId: model.id, suiteId: gsm8k.id, scoreRaw: '99.9', evaluationDate: '2025-09-01', isOfficial: true } });
    expect(score).toMatchObject({ scoreRaw: '99.9', scoreNormalized: '99.9', percentile: 100 });

    const again = await mutate(CREATE_SCORE, { input: { modelId: model.id, suiteId: gsm8k.id, scoreRaw: '50', evaluationDate: '2025-09-01' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.evaluationDate' });

    const { updateBenchmarkScore } = await ok('mutation ($id: ID!) { updateBenchmarkScore(id: $id, input: { scoreRaw: "10" }) { scoreNormalized percentile } }', { id: score.id });
    expect(updateBenchmarkScore.scoreNormalized).toBe('10');
    expect(updateBenchmarkScore.percentile).toBeLessThan(10);
  });

  it('validates score ranges and dates', async () => {
    const { model } = await fixture();
    const { benchmarkSuite: mmlu } = (await subgraph.query<any>('{ benchmarkSuite(slug: "mmlu") { id } }')).data;
    const score = (extra: Record<string, unknown>) => ({ input: { modelId: model.id, suiteId: mmlu.id, scoreRaw: '80', evaluationDate: '2025-09-01', ...extra } });
    expectBadInput(await mutate(CREATE_SCORE, score({ scoreRaw: '120' })), 'input.scoreRaw');
    expectBadInput(await mutate(CREATE_SCORE, score({ scoreNormalized: '100.5' })), 'input.scoreNormalized');
    expectBadInput(await mutate(CREATE_SCORE, score({ evaluationDate: '2999-01-01' })), 'input.evaluationDate');
    expectBadInput(await mutate(CREATE_SCORE, score({ evaluationCommit: 'not-a-commit' })), 'input.evaluationCommit');
    expectBadInput(await mutate(CREATE_SCORE, score({ suiteId: '7d1f6c5e-0000-4000-8000-000000000000' })), 'input.suiteId');
  });
});

describe('model listings', () => {
  it('include a new active model shortly after it is created', async () => {
    const { model } = await fixture();
    await waitFor(async () => {
      const res = await subgraph.query<any>(`{ modelListings(first: 100, providerSlug: "${model.provider.slug}") { edges { node { slug providerName } } } }`);
      return res.data.modelListings.edges.some((e: any) => e.node.slug === model.slug);
    });
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
