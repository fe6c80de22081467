import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS, signIdentity, verifyIdentity, type Identity } from '../src/identity.js';

const secret = 'a'.repeat(32);
const alice: Identity = { kind: 'user', userId: '6f1c1d1e-0000-4000-8000-000000000001', organizationIds: ['o1'], roles: ['admin'], scopes: ['read'], credentialId: 'k1' };

describe('signed identities', () => {
  it('round-trip through a signature', async () => {
    expect(await verifyIdentity(await signIdentity(alice, secret), secret)).toEqual(alice);
    expect(await verifyIdentity(await signIdentity(ANONYMOUS, secret), secret)).toMatchObject({ kind: 'anonymous', userId: null });
  });

  it('keep a service that acts for no user without a user', async () => {
    const service: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['agent:worker'], credentialId: 'k2' };
    expect(await verifyIdentity(await signIdentity(service, secret), secret)).toEqual(service);
  });

  it('are rejected when missing, forged or signed with another secret', async () => {
    await expect(verifyIdentity(undefined, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyIdentity('not-a-token', secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyIdentity(await signIdentity(alice, 'b'.repeat(32)), secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const token = await signIdentity(alice, secret);
    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'someone-else', knd: 'user', rol: ['admin'] })).toString('base64url');
    await expect(verifyIdentity(`${header}.${forgedPayload}.${signature}`, secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
