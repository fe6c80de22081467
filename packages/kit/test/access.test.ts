import { describe, expect, it } from '@jest/globals';
import { credentialAllows, hasScope, requireAdmin, requireScope, requireSignedIn, requireUser } from '../src/access.js';
import { ANONYMOUS, type Identity } from '../src/identity.js';

const person = (extra: Partial<Identity> = {}): Identity => ({ kind: 'user', userId: '6f1c1d1e-0000-4000-8000-000000000001', organizationIds: [], roles: [], scopes: [], ...extra });
const session = person({ credentialId: 'session:s1' });
const readOnlyKey = person({ scopes: ['read'], credentialId: 'apikey:k1' });
const editorKey = person({ scopes: ['read', 'catalog:write'], credentialId: 'apikey:k2' });
const admin = person({ roles: ['admin'], credentialId: 'session:s2' });
const adminReadOnlyKey = person({ roles: ['admin'], scopes: ['read'], credentialId: 'apikey:k3' });
const worker: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['media:process'] };

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('scopes', () => {
  it('hasScope: the credential carries one of them, whoever holds it', () => {
    expect(hasScope(editorKey, 'catalog:write')).toBe(true);
    expect(hasScope(editorKey, 'fsm:write', 'catalog:write')).toBe(true);
    expect(hasScope(readOnlyKey, 'catalog:write')).toBe(false);
    expect(hasScope(session, 'catalog:write')).toBe(false);
    expect(hasScope(admin, 'catalog:write')).toBe(false);
  });

  it('credentialAllows: a credential without scopes has all of its user\'s rights, a scoped key only its own', () => {
    expect(credentialAllows(session, 'fsm:write')).toBe(true);
    expect(credentialAllows(person(), 'fsm:write')).toBe(true);
    expect(credentialAllows(editorKey, 'fsm:write')).toBe(false);
    expect(credentialAllows(editorKey, 'fsm:write', 'catalog:write')).toBe(true);
    expect(credentialAllows(adminReadOnlyKey, 'write')).toBe(false);
  });
});

describe('requirements', () => {
  it('requireSignedIn turns away anonymous callers only, with the message given', () => {
    expect(codeOf(() => requireSignedIn(ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(() => requireSignedIn(ANONYMOUS, 'Sign in to follow this')).toThrow('Sign in to follow this');
    for (const identity of [session, readOnlyKey, worker]) expect(codeOf(() => requireSignedIn(identity))).toBe('allowed');
  });

  it('requireUser answers the user id; FORBIDDEN for a credential tied to no user', () => {
    expect(requireUser(readOnlyKey)).toBe(readOnlyKey.userId);
    expect(codeOf(() => requireUser(ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireUser(worker))).toBe('FORBIDDEN');
  });

  it('requireAdmin lets admins through whatever their credential', () => {
    expect(codeOf(() => requireAdmin(admin))).toBe('allowed');
    expect(codeOf(() => requireAdmin(adminReadOnlyKey))).toBe('allowed');
    expect(codeOf(() => requireAdmin(session))).toBe('FORBIDDEN');
    expect(codeOf(() => requireAdmin(ANONYMOUS))).toBe('UNAUTHENTICATED');
  });

  it('requireScope lets admins and holders of one of the scopes through, and says what was missing', () => {
    expect(codeOf(() => requireScope(editorKey, 'Editing the catalog', 'catalog:write'))).toBe('allowed');
    expect(codeOf(() => requireScope(adminReadOnlyKey, 'Editing the catalog', 'catalog:write'))).toBe('allowed');
    expect(codeOf(() => requireScope(worker, 'Working the queue', 'media:billing', 'media:process'))).toBe('allowed');
    // A session has all of its user's rights, and a non-admin user has no right to this.
    expect(codeOf(() => requireScope(session, 'Editing the catalog', 'catalog:write'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireScope(ANONYMOUS, 'Editing the catalog', 'catalog:write'))).toBe('UNAUTHENTICATED');
    expect(() => requireScope(readOnlyKey, 'Editing the catalog', 'catalog:write')).toThrow('Editing the catalog needs the admin role or the catalog:write scope');
  });
});
