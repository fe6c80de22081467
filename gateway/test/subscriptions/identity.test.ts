import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS, verifyIdentity, type Identity } from '@sixfold/kit';
import { identityKey, IdentitySigner } from '../../src/subscriptions/identity.js';

const SECRET = 'identity-test-secret-of-enough-length';
const alice: Identity = { kind: 'user', userId: 'alice', organizationIds: ['o1', 'o2'], roles: ['admin'], scopes: [] };

describe('identity keys', () => {
  it('are equal for the same identity, whatever the order of its lists', () => {
    expect(identityKey({ ...alice, organizationIds: ['o2', 'o1'] })).toBe(identityKey(alice));
  });

  it('differ when anything a subgraph can see differs', () => {
    const keys = new Set([alice, { ...alice, userId: 'bob' }, { ...alice, roles: [] }, { ...alice, organizationIds: ['o1'] }, { ...alice, scopes: ['read'] }, { ...alice, credentialId: 'key-1' }, ANONYMOUS].map(identityKey));
    expect(keys.size).toBe(7);
  });
});

describe('the identity signer', () => {
  it('reuses a token while it is fresh and signs a new one after', async () => {
    const signer = new IdentitySigner(SECRET, 20);
    const first = await signer.token(alice);
    expect(await signer.token({ ...alice })).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // JWT times have one-second resolution
    const second = await signer.token(alice);
    expect(second).not.toBe(first);
    expect(await verifyIdentity(second, SECRET)).toMatchObject({ kind: 'user', userId: 'alice', roles: ['admin'] });
  });
});
