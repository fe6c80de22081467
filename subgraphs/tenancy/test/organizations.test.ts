import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { tenancy } from '../src/subgraph.js';
import { asOwner } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(tenancy);
});
afterAll(() => subgraph.stop());

/**
 * A new account of its own for each founder: organizations created here must not join the demo
 * accounts' memberships, which other tests read.
 */
async function founder(): Promise<{ id: string; identity: Identity }> {
  const email = `founder-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  await subgraph.query('mutation ($e: String!) { signUp(input: { email: $e, password: "long enough password" }) { accepted } }', { e: email });
  const id = (await asOwner<{ id: string }>('SELECT id FROM auth.users WHERE email = $1', [email]))[0]!.id;
  return { id, identity: { kind: 'user', userId: id, organizationIds: [], roles: ['user'], scopes: [], credentialId: `session:${id}` } };
}

const CREATE = 'mutation ($name: String!, $slug: String!) { createOrganization(input: { name: $name, slug: $slug }) { slug viewerRole } }';
const rowsWithSlug = async (slug: string) => Number((await asOwner('SELECT count(*) AS n FROM app.organizations WHERE slug = $1', [slug]))[0].n);

describe('createOrganization', () => {
  it('creates the organization with its creator as owner', async () => {
    const res = await subgraph.query<any>(CREATE, { name: 'Hooli', slug: 'hooli' }, (await founder()).identity);
    expect(res.errors).toBeUndefined();
    expect(res.data.createOrganization).toEqual({ slug: 'hooli', viewerRole: 'OWNER' });
  });

  it('answers CONFLICT for a slug taken by an organization the caller cannot see, writing nothing', async () => {
    const someone = await founder();
    const members = async () => Number((await asOwner('SELECT count(*) AS n FROM app.organization_members WHERE user_id = $1', [someone.id]))[0].n);
    const res = await subgraph.query<any>(CREATE, { name: 'Not Globex', slug: 'globex' }, someone.identity);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(await rowsWithSlug('globex')).toBe(1);
    expect(await members()).toBe(0);
  });

  it('lets exactly one of two creators racing for a slug have it; the other gets CONFLICT', async () => {
    const slug = `race-${Date.now()}`;
    const outcomes = await Promise.all(
      [await founder(), await founder()].map((person) => subgraph.query<any>(CREATE, { name: 'Race', slug }, person.identity)),
    );
    const codes = outcomes.map((res) => res.errors?.[0]?.extensions?.code ?? 'created').sort();
    expect(codes).toEqual(['CONFLICT', 'created']);
    expect(await rowsWithSlug(slug)).toBe(1);
  });
});
