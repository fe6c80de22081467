import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { tenancy } from '../src/subgraph.js';
import { demoPeople } from './support.js';

let subgraph: TestSubgraph;
let people: Awaited<ReturnType<typeof demoPeople>>;
beforeAll(async () => {
  [subgraph, people] = await Promise.all([startTestSubgraph(tenancy), demoPeople()]);
});
afterAll(() => subgraph.stop());

const CREATE = 'mutation ($scopes: [String!]) { createApiKey(input: { name: "test key", scopes: $scopes }) { apiKey { scopes } } }';

describe('createApiKey', () => {
  it('lets anyone narrow a key of their own to reading or writing', async () => {
    const res = await subgraph.query<any>(CREATE, { scopes: ['read', 'tenancy:write'] }, people.alice.identity);
    expect(res.errors).toBeUndefined();
    expect(res.data.createApiKey.apiKey.scopes).toEqual(['read', 'tenancy:write']);
  });

  it('refuses scopes that grant rights beyond the user’s own unless an admin asks', async () => {
    for (const scope of ['catalog:write', 'probes:write', 'media:process', 'agent:worker', 'fsm:write']) {
      const res = await subgraph.query<any>(CREATE, { scopes: ['read', scope] }, people.alice.identity);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message).toContain(scope);
    }
    const byAdmin = await subgraph.query<any>(CREATE, { scopes: ['probes:write'] }, people.admin.identity);
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data.createApiKey.apiKey.scopes).toEqual(['probes:write']);
  });

  it('refuses a scope no domain understands, naming it, and writes nothing', async () => {
    const res = await subgraph.query<any>(CREATE, { scopes: ['read', 'catalog:wirte'] }, people.admin.identity);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes.1' });
    expect(res.errors?.[0]?.message).toContain('apiKeyScopes');
  });

  it('lists every scope with its kind, for anyone deciding what to put on a key', async () => {
    const res = await subgraph.query<any>('{ apiKeyScopes { name kind description } }');
    expect(res.errors).toBeUndefined();
    const byName = new Map(res.data.apiKeyScopes.map((scope: any) => [scope.name, scope.kind]));
    expect(byName.get('read')).toBe('NARROWS');
    expect(byName.get('tenancy:write')).toBe('NARROWS');
    expect(byName.get('catalog:write')).toBe('GRANTS');
    expect(byName.get('probes:write')).toBe('GRANTS');
  });

  it('gives a key made with a key no scope that key lacks', async () => {
    const key = { ...people.alice.identity, scopes: ['read', 'write'], credentialId: 'apikey:00000000-0000-4000-8000-00000000000a' };
    const res = await subgraph.query<any>(CREATE, { scopes: ['read', 'tenancy:write'] }, key);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets only an admin allow a key more than the default 1,000 requests an hour', async () => {
    const LIMITED = 'mutation ($limit: Int) { createApiKey(input: { name: "busy key", rateLimit: $limit }) { apiKey { rateLimit } } }';
    expect((await subgraph.query<any>(LIMITED, { limit: 500 }, people.alice.identity)).data.createApiKey.apiKey.rateLimit).toBe(500);
    const tooMuch = await subgraph.query<any>(LIMITED, { limit: 50_000 }, people.alice.identity);
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query<any>(LIMITED, { limit: 50_000 }, people.admin.identity)).data.createApiKey.apiKey.rateLimit).toBe(50_000);
  });
});
