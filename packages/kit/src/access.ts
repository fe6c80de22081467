import { forbidden, unauthenticated } from './errors.js';
import { isAdmin, type Identity } from './identity.js';

/*
 * Who may do what, in the words every subgraph uses. Rights come from the user (admins may do
 * anything; everyone else acts on what is theirs, which row-level security enforces) and from an
 * API key's scopes. A credential without scopes (a session login, or a key made with all of its
 * user's rights) carries every right of its user; an API key with scopes only what they name.
 * Anonymous callers are UNAUTHENTICATED; signed-in callers without the right, FORBIDDEN.
 */

/** Whether the caller's credential carries one of `scopes`. */
export const hasScope = (identity: Identity, ...scopes: string[]): boolean => identity.scopes.some((scope) => scopes.includes(scope));

/**
 * Whether the credential lets its holder use their user's rights for `scopes`: one without any
 * scope does, an API key with scopes only when it carries one of these.
 */
export const credentialAllows = (identity: Identity, ...scopes: string[]): boolean => identity.scopes.length === 0 || hasScope(identity, ...scopes);

export function requireSignedIn(identity: Identity, message?: string): void {
  if (identity.kind === 'anonymous') throw unauthenticated(message);
}

/** The caller's user id; FORBIDDEN for a credential that acts for no user (a service's key). */
export function requireUser(identity: Identity): string {
  requireSignedIn(identity);
  if (!identity.userId) throw forbidden('This needs a user: the credential is not tied to one');
  return identity.userId;
}

export function requireAdmin(identity: Identity): void {
  requireSignedIn(identity);
  if (!isAdmin(identity)) throw forbidden('Admins only');
}

/**
 * `what` is for admins and for credentials that carry one of `scopes` (a service's key, or a
 * user's key granted a right the user does not otherwise have).
 */
export function requireScope(identity: Identity, what: string, ...scopes: string[]): void {
  requireSignedIn(identity);
  if (isAdmin(identity) || hasScope(identity, ...scopes)) return;
  throw forbidden(`${what} needs the admin role or the ${scopes.join(' or ')} scope`);
}
