import { credentialAllows, forbidden, hasScope, isAdmin, requireSignedIn, Scope, type Identity } from '@sixfold/kit';

/**
 * Who may change FSM data. Reading is row-level security's business (members of an organization
 * see its data); writing also needs a credential that allows it:
 *
 * | action                                             | needs                                               |
 * |----------------------------------------------------|-----------------------------------------------------|
 * | status changes, assessments, risk acknowledgement  | admin, a session (no scopes: all of its user's      |
 * |                                                    | rights), an API key with scope `fsm:write`, or a    |
 * |                                                    | user's key with the generic `write`                 |
 * | assigning a project's responsible operator         | admin, the role `dispatcher` (with a credential     |
 * |                                                    | that may write), or an API key with `fsm:write`     |
 *
 * Membership of the row's organization is enforced by the database: a row the caller cannot see
 * is NOT_FOUND, and the policies' WITH CHECK refuses writes into another organization.
 */
export const DISPATCHER_ROLE = 'dispatcher';

export function requireWriter(identity: Identity): void {
  requireSignedIn(identity);
  if (isAdmin(identity)) return;
  if (!credentialAllows(identity, Scope.fsmWrite, Scope.write)) throw forbidden(`Changing field service data needs the ${Scope.fsmWrite} scope`);
}

export function requireDispatcher(identity: Identity): void {
  requireWriter(identity);
  if (isAdmin(identity) || identity.roles.includes(DISPATCHER_ROLE) || hasScope(identity, Scope.fsmWrite)) return;
  throw forbidden(`Assigning operators needs the ${DISPATCHER_ROLE} role or the ${Scope.fsmWrite} scope`);
}

/** The rule the tenant tables' policies apply, for events that never pass through the database. */
export const maySeeOrganization = (identity: Identity, organizationId: string): boolean =>
  isAdmin(identity) || identity.organizationIds.includes(organizationId);
