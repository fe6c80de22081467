import { forbidden, hasScope, isAdmin, unauthenticated, type Identity } from '@sixfold/kit';

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
  if (!isSession(identity) && !hasScope(identity, 'tenancy:write', 'write')) throw forbidden('This API key lacks the tenancy:write scope');
  return userId;
}

/**
 * Scopes anyone may put on a key of their own: each only narrows what the key does with its
 * user's rights (read only; write everywhere; write only in tenancy, the agent or media). Every
 * other scope grants a right of its own (`catalog:write`, `probes:write`, `media:process`,
 * `agent:worker`, `fsm:write`, …), which only an admin may hand out.
 */
export const SELF_GRANTED_SCOPES: readonly string[] = ['read', 'write', 'tenancy:write', 'agent:write', 'media:write'];

/** Refuses scopes the caller may not put on a new key: rights they lack, or more than the key they use has. */
export function requireGrantableScopes(identity: Identity, scopes: readonly string[]): void {
  // A key minted with a key can do no more than the key that minted it.
  if (!isSession(identity) && scopes.some((s) => !identity.scopes.includes(s))) throw forbidden('An API key can only create keys with scopes it has itself');
  const privileged = scopes.find((s) => !SELF_GRANTED_SCOPES.includes(s));
  if (privileged && !isAdmin(identity)) throw forbidden(`Only admins grant the ${privileged} scope`);
}
