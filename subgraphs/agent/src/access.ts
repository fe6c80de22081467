import { credentialAllows, forbidden, hasScope, isAdmin, requireScope, requireUser, type Identity } from '@sixfold/kit';

/** API-key scopes the agent understands (a key with none has all of its user's rights). */
const Scope = {
  /** Act on the key owner's own agent data: requests, conversations, debates, memories, tasks. */
  write: 'agent:write',
  /** Work the background task queue: claim, complete, fail; see every task and the dead letters. */
  worker: 'agent:worker',
  /** Administer the registries (providers, MCP, LSP), the queue and the statistics. */
  admin: 'agent:admin',
} as const;

/** Generic write scope a tenancy API key may carry for every domain. */
const GENERIC_WRITE = 'write';

export const isAgentAdmin = (identity: Identity) => isAdmin(identity) || hasScope(identity, Scope.admin);
export const isTaskOperator = (identity: Identity) => isAdmin(identity) || hasScope(identity, Scope.admin, Scope.worker);

/** Whether `identity` may see data owned by `ownerId` (mirrors the owner policies in SQL). */
export const canSeeOwnedBy = (identity: Identity, ownerId: string | null) => isAdmin(identity) || (ownerId !== null && ownerId === identity.userId);

/** The user a write acts for: the caller, who must be a user whose key (if any) may write. */
export function requireWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, Scope.write, GENERIC_WRITE, Scope.admin)) throw forbidden(`This API key lacks the ${Scope.write} scope`);
  return userId;
}

export const requireAgentAdmin = (identity: Identity) => requireScope(identity, 'Administering the agent', Scope.admin);
export const requireTaskOperator = (identity: Identity) => requireScope(identity, 'Working the task queue', Scope.admin, Scope.worker);
