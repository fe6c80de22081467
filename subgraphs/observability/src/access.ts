import { credentialAllows, forbidden, hasScope, isAdmin, requireSignedIn, type Identity } from '@sixfold/kit';

/** API-key scopes that grant this domain's writes. */
export const Scope = {
  probesWrite: 'probes:write',
  statusWrite: 'status:write',
  analyticsWrite: 'analytics:write',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/** Scopes with which an admin's API key may write anywhere (tenancy's generic ones). */
const ADMIN_KEY_WRITE_SCOPES = ['write', 'admin'];

/**
 * Anonymous callers are UNAUTHENTICATED. Otherwise a write needs `scope` on the API key, or the
 * admin role through a credential that may write at all (a session, or a key with a generic write
 * scope): unlike the kit's `requireScope`, an admin's read-only key writes nothing. Else FORBIDDEN.
 */
export function requireWriter(identity: Identity, scope: Scope): void {
  requireSignedIn(identity);
  if (hasScope(identity, scope)) return;
  if (isAdmin(identity) && credentialAllows(identity, ...ADMIN_KEY_WRITE_SCOPES)) return;
  throw forbidden(`Requires the admin role or the ${scope} scope`);
}
