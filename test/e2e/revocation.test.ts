/**
 * Revocation through two gateway instances sharing Redis: both cache a verified credential; once
 * it is revoked through one, the other refuses it within seconds. Also: logging in and out, and
 * the errors bad credentials get.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, seedSecrets, type TestGraph } from '../support/graph.js';
import { eventually, subscribe, subscriptionGauges } from '../support/subscriptions.js';

let first: TestGraph;
let second: TestGraph;
beforeAll(async () => {
  // A long cache lifetime: only the revocation event can make the second gateway refuse in time.
  [first, second] = await Promise.all([bootGraph({ authCacheTtlMs: 60_000 }), bootGraph({ authCacheTtlMs: 60_000 })]);
});
afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});

const ME = '{ me { id email } }';

async function refusedWithin(graph: TestGraph, token: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const res = await graph.query(ME, {}, { token });
    if (res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('a revoked API key', () => {
  it('is refused by every gateway within seconds', async () => {
    const created = await first.query('mutation { createApiKey(input: { name: "short-lived" }) { secret apiKey { id } } }', {}, { token: seedSecrets().bobKey });
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    for (const graph of [first, second]) expect((await graph.query(ME, {}, { token: secret })).data?.me.email).toBe('bob@globex.example');

    const revoked = await first.query('mutation ($id: ID!) { revokeApiKey(id: $id) { isActive revokedAt } }', { id: apiKey.id }, { token: seedSecrets().bobKey });
    expect(revoked.data?.revokeApiKey.isActive).toBe(false);
    expect(await refusedWithin(second, secret, 3_000)).toBe(true);
    expect(await refusedWithin(first, secret, 3_000)).toBe(true);
  });

  it('ends the subscriptions it opened, on every gateway, with 4403', async () => {
    const created = await first.query('mutation { createApiKey(input: { name: "live page" }) { secret apiKey { id } } }', {}, { token: seedSecrets().bobKey });
    const { secret, apiKey } = created.data!.createApiKey;
    const feeds = [first, second].map((graph) => subscribe(graph.url, 'subscription { notificationCreated { id } }', { authorization: `Bearer ${secret}` }));
    for (const graph of [first, second]) await eventually(async () => expect((await subscriptionGauges(graph.url)).client).toBeGreaterThanOrEqual(1));
    await first.query('mutation ($id: ID!) { revokeApiKey(id: $id) { isActive } }', { id: apiKey.id }, { token: seedSecrets().bobKey });
    for (const feed of feeds) expect(await feed.ended).toEqual({ kind: 'closed', code: 4403, reason: 'Credential revoked' });
  });

  it('cannot be revoked by someone else', async () => {
    const created = await first.query('mutation { createApiKey(input: { name: "bob only" }) { apiKey { id } } }', {}, { token: seedSecrets().bobKey });
    const res = await first.query('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: created.data!.createApiKey.apiKey.id }, { token: seedSecrets().aliceKey });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('sessions', () => {
  it('log in with a password, and log out everywhere at once', async () => {
    const login = await first.query('mutation { logIn(input: { email: "carol@acme.example", password: "sixfold-demo-password" }) { token user { email } } }');
    expect(login.errors).toBeUndefined();
    const token = login.data!.logIn.token as string;
    for (const graph of [first, second]) expect((await graph.query(ME, {}, { token })).data?.me.email).toBe('carol@acme.example');
    expect((await first.query('mutation { logOut }', {}, { token })).data?.logOut).toBe(true);
    expect(await refusedWithin(second, token, 3_000)).toBe(true);
  });

  it('answer a wrong password and an unknown address alike', async () => {
    const wrong = await first.query('mutation { logIn(input: { email: "carol@acme.example", password: "not-her-password" }) { token } }');
    const unknown = await first.query('mutation { logIn(input: { email: "nobody@nowhere.example", password: "not-her-password" }) { token } }');
    expect(wrong.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]).toEqual(wrong.errors?.[0]);
  });

  it('lock an account after five wrong passwords, without saying so', async () => {
    const email = `locked-${Date.now()}@example.com`;
    await first.query('mutation ($e: String!) { signUp(input: { email: $e, password: "correct horse battery" }) { accepted } }', { e: email });
    const attempt = (password: string) =>
      first.query('mutation ($e: String!, $p: String!) { logIn(input: { email: $e, password: $p }) { token } }', { e: email, p: password });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const locked = await attempt('correct horse battery');
    expect(locked.errors?.[0]?.message).toBe('Invalid email or password');
  });
});

describe('bad credentials', () => {
  it('are UNAUTHENTICATED: malformed, unknown and forged keys alike', async () => {
    const key = seedSecrets().aliceKey!;
    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of ['not-a-token', forged, 'sfk_00000000000000000000000000000000_' + 'A'.repeat(43)]) {
      const res = await first.query(ME, {}, { token });
      expect([token, res.errors?.[0]?.extensions?.code]).toEqual([token, 'UNAUTHENTICATED']);
    }
  });

  it('include an identity header the gateway did not sign', async () => {
    const tenancy = first.running.subgraphs.find((s) => s.name === 'tenancy')!;
    const res = await fetch(tenancy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sixfold-identity': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const internal = await fetch(tenancy.url.replace('/graphql', '/internal/authenticate'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: seedSecrets().aliceKey }),
    });
    expect(internal.status).toBe(401);
  });
});
