import { credentialAllows, forbidden, hasScope, isAdmin, requireSignedIn, Scope, type Identity } from '@sixfold/kit';

/** The API-key scopes that grant this domain's writes (the kit's registry describes them). */
export type WriteScope = typeof Scope.probesWrite | typeof Scope.statusWrite | typeof Scope.analyticsWrite;

/** Scopes with which an admin's API key may write anywhere (tenancy's generic ones). */
const ADMIN_KEY_WRITE_SCOPES = [Scope.write, Scope.admin];

/**
 * Anonymous callers are UNAUTHENTICATED. Otherwise a write needs `scope` on the API key, or the
 * admin role through a credential that may write at all (a session, or a key with a generic write
 * scope): unlike the kit's `requireScope`, an admin's read-only key writes nothing. Else FORBIDDEN.
 */
export function requireWriter(identity: Identity, scope: WriteScope): void {
  requireSignedIn(identity);
  if (hasScope(identity, scope)) return;
  if (isAdmin(identity) && credentialAllows(identity, ...ADMIN_KEY_WRITE_SCOPES)) return;
  throw forbidden(`Requires the admin role or the ${scope} scope`);
}
