import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { catalog } from '../src/subgraph.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(catalog);
});
afterAll(() => subgraph.stop());

const PRICE = 'tier region currency inputPerMillion outputPerMillion effectiveFrom effectiveTo';

async function model(slug: string, fields: string) {
  const res = await subgraph.query<any>(`{ model(slug: "${slug}") { ${fields} } }`);
  expect(res.errors).toBeUndefined();
  return res.data.model;
}

describe('pricing', () => {
  it('gives the price in effect today per tier: the region’s own, else the global one', async () => {
    const m = await model('mistral-large-2411', `
      euWest: pricing(region: "eu-west") { ${PRICE} }
      usEast: pricing(region: "us-east") { ${PRICE} }
      global: pricing { ${PRICE} }
      standardOnly: pricing(region: "eu-west", tier: "standard") { tier region }`);
    expect(m.euWest).toEqual([
      { tier: 'enterprise', region: null, currency: 'USD', inputPerMillion: '1.7', outputPerMillion: '5.1', effectiveFrom: '2025-01-01', effectiveTo: null },
      { tier: 'standard', region: 'eu-west', currency: 'EUR', inputPerMillion: '1.84', outputPerMillion: '5.52', effectiveFrom: '2024-11-18', effectiveTo: null },
    ]);
    expect(m.usEast.map((p: any) => [p.tier, p.region, p.currency, p.inputPerMillion])).toEqual([
      ['enterprise', null, 'USD', '1.7'],
      ['standard', null, 'USD', '2'],
    ]);
    expect(m.global).toEqual(m.usEast);
    expect(m.standardOnly).toEqual([{ tier: 'standard', region: 'eu-west' }]);
  });

  it('keeps past prices: the current one today, every one in the history', async () => {
    const o3 = await model('o3', `pricing(tier: "standard") { ${PRICE} } pricingHistory(tier: "standard") { ${PRICE} }`);
    expect(o3.pricing).toEqual([{ tier: 'standard', region: null, currency: 'USD', inputPerMillion: '2', outputPerMillion: '8', effectiveFrom: '2025-06-10', effectiveTo: null }]);
    expect(o3.pricingHistory.map((p: any) => [p.inputPerMillion, p.effectiveFrom, p.effectiveTo])).toEqual([
      ['2', '2025-06-10', null],
      ['10', '2025-04-16', '2025-06-10'],
    ]);
  });

  it('serves enterprise volume discounts as exact decimals', async () => {
    const m = await model('gpt-4o', 'pricing(tier: "enterprise") { volumeDiscounts { minMillionTokens discountPercent } }');
    expect(m.pricing[0].volumeDiscounts).toEqual([
      { minMillionTokens: 100, discountPercent: '5.00' },
      { minMillionTokens: 1000, discountPercent: '12.00' },
    ]);
  });
});

describe('endpoints', () => {
  it('lists a model’s endpoints in failover order, the preferred region first', async () => {
    const m = await model('gpt-4o', `
      all: endpoints(includeInactive: true) { region priority isActive endpointUrl }
      fromEurope: endpoints(preferredRegion: "eu-west", includeInactive: true) { region priority }`);
    expect(m.all.map((e: any) => e.region)).toEqual(['us-east', 'us-west', 'eu-west', 'asia-east']);
    expect(m.all.map((e: any) => e.priority)).toEqual([10, 20, 30, 40]);
    expect(m.all[0].endpointUrl).toBe('https://us-east.api.openai.com/v1/models/gpt-4o');
    expect(m.fromEurope.map((e: any) => e.region)).toEqual(['eu-west', 'us-east', 'us-west', 'asia-east']);
  });

  it('leaves out inactive endpoints unless asked', async () => {
    const m = await model('gpt-3.5-turbo', 'isActive active: endpoints { region } all: endpoints(includeInactive: true) { region isActive }');
    expect(m.isActive).toBe(false);
    expect(m.active).toEqual([]);
    expect(m.all.length).toBe(4);
  });
});
