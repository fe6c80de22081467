import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { tenancy } from '../src/subgraph.js';
import { asOwner, demoPeople } from './support.js';

let subgraph: TestSubgraph;
let people: Awaited<ReturnType<typeof demoPeople>>;
beforeAll(async () => {
  [subgraph, people] = await Promise.all([startTestSubgraph(tenancy), demoPeople()]);
});
afterAll(() => subgraph.stop());

const CREATE = 'mutation ($name: String!, $slug: String!) { createOrganization(input: { name: $name, slug: $slug }) { slug viewerRole } }';
const rowsWithSlug = async (slug: string) => Number((await asOwner('SELECT count(*) AS n FROM app.organizations WHERE slug = $1', [slug]))[0].n);

describe('createOrganization', () => {
  it('creates the organization with its creator as owner', async () => {
    const res = await subgraph.query<any>(CREATE, { name: 'Hooli', slug: 'hooli' }, people.alice.identity);
    expect(res.errors).toBeUndefined();
    expect(res.data.createOrganization).toEqual({ slug: 'hooli', viewerRole: 'OWNER' });
  });

  it('answers CONFLICT for a slug taken by an organization the caller cannot see, writing nothing', async () => {
    const members = async () => Number((await asOwner('SELECT count(*) AS n FROM app.organization_members WHERE user_id = $1', [people.alice.id]))[0].n);
    const before = await members();
    const res = await subgraph.query<any>(CREATE, { name: 'Not Globex', slug: 'globex' }, people.alice.identity);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(await rowsWithSlug('globex')).toBe(1);
    expect(await members()).toBe(before);
  });

  it('lets exactly one of two creators racing for a slug have it; the other gets CONFLICT', async () => {
    const slug = `race-${Date.now()}`;
    const outcomes = await Promise.all(
      [people.alice, people.bob].map((person) => subgraph.query<any>(CREATE, { name: 'Race', slug }, person.identity)),
    );
    const codes = outcomes.map((res) => res.errors?.[0]?.extensions?.code ?? 'created').sort();
    expect(codes).toEqual(['CONFLICT', 'created']);
    expect(await rowsWithSlug(slug)).toBe(1);
  });
});
