/**
 * Rate limits at the gateway: over the limit a caller gets RATE_LIMITED with a retry-after, and
 * no subgraph hears of the request. Anonymous clients are counted per address, API keys against
 * their own rate_limit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, env, seedSecrets, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
const PUBLIC_QUERY = '{ projects(first: 1) { totalCount } }';

beforeAll(async () => {
  // A Redis prefix of its own: other test files' requests do not count here.
  graph = await bootGraph({ redisPrefix: `${env().redisPrefix}rate-limit:`, rateLimits: { anonymousPerWindow: 3, sessionPerWindow: 1_000 } });
});
afterAll(() => graph.stop());

async function post(query: string, token?: string) {
  const response = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

describe('an anonymous client', () => {
  it('is answered RATE_LIMITED with a retry-after once over its limit, before any subgraph is asked', async () => {
    for (let i = 0; i < 3; i++) expect((await post(PUBLIC_QUERY)).body.errors).toBeUndefined();
    graph.statements.reset();
    const limited = await post(PUBLIC_QUERY);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(limited.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBe(limited.body.errors[0].extensions.retryAfter);
    expect(graph.statements.count()).toBe(0);
  });
});

describe('an API key', () => {
  it('is held to its own rate_limit, apart from other keys', async () => {
    const alice = seedSecrets().aliceKey!;
    const created = await post('mutation { createApiKey(input: { name: "limited", rateLimit: 2 }) { secret apiKey { rateLimit } } }', alice);
    expect(created.body.errors).toBeUndefined();
    const limitedKey = created.body.data.createApiKey.secret as string;
    for (let i = 0; i < 2; i++) expect((await post('{ me { id } }', limitedKey)).body.errors).toBeUndefined();
    graph.statements.reset();
    const limited = await post('{ me { id } }', limitedKey);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(graph.statements.count()).toBe(0);
    // Alice's own key has its own budget.
    expect((await post('{ me { id } }', alice)).body.data.me.id).toBeDefined();
  });
});
