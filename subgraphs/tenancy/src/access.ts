import { forbidden, hasScope, isAdmin, Scope, scopeDefinition, unauthenticated, type Identity } from '@sixfold/kit';

/**
 * The signed-in person's id. Stricter than the kit's `requireUser`: tenancy serves people's own
 * accounts, so a service identity has not signed in here (UNAUTHENTICATED), with or without a user.
 */
export function requirePerson(identity: Identity): string {
  if (identity.kind !== 'user' || !identity.userId) throw unauthenticated();
  return identity.userId;
}

/** A log-in's credential (`session:<id>`); API keys are `apikey:<id>`. */
export const isSession = (identity: Identity) => identity.credentialId?.startsWith('session:') ?? false;

/**
 * Writes through tenancy need a session, or an API key with `tenancy:write` (or the general
 * `write`) scope. Stricter than the kit's `credentialAllows`: any API key without one of those
 * scopes, even one made without scopes, changes nothing here, whoever owns it.
 */
export function requireWriter(identity: Identity): string {
  const userId = requirePerson(identity);
  if (!isSession(identity) && !hasScope(identity, Scope.tenancyWrite, Scope.write)) throw forbidden(`This API key lacks the ${Scope.tenancyWrite} scope`);
  return userId;
}

/** Refuses scopes the caller may not put on a new key: rights they lack, or more than the key they use has. */
export function requireGrantableScopes(identity: Identity, scopes: readonly string[]): void {
  // A key minted with a key can do no more than the key that minted it.
  if (!isSession(identity) && scopes.some((s) => !identity.scopes.includes(s))) throw forbidden('An API key can only create keys with scopes it has itself');
  // Anyone may narrow a key of their own; a scope that grants a right is an admin's to give (the kit's registry says which is which).
  const privileged = scopes.find((s) => scopeDefinition(s)?.kind !== 'narrows');
  if (privileged && !isAdmin(identity)) throw forbidden(`Only admins grant the ${privileged} scope`);
}
