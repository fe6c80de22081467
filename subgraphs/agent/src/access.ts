import { credentialAllows, forbidden, hasScope, isAdmin, requireScope, requireUser, Scope, type Identity } from '@sixfold/kit';

/*
 * API-key scopes the agent understands (the kit's registry describes them; a key with none has
 * all of its user's rights): agent:write narrows a key to the user's own agent data; agent:worker
 * works the background task queue (every task and the dead letters); agent:admin administers the
 * registries (providers, MCP, LSP), the queue and the statistics.
 */

export const isAgentAdmin = (identity: Identity) => isAdmin(identity) || hasScope(identity, Scope.agentAdmin);
export const isTaskOperator = (identity: Identity) => isAdmin(identity) || hasScope(identity, Scope.agentAdmin, Scope.agentWorker);

/** Whether `identity` may see data owned by `ownerId` (mirrors the owner policies in SQL). */
export const canSeeOwnedBy = (identity: Identity, ownerId: string | null) => isAdmin(identity) || (ownerId !== null && ownerId === identity.userId);

/** The user a write acts for: the caller, who must be a user whose key (if any) may write. */
export function requireWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, Scope.agentWrite, Scope.write, Scope.agentAdmin)) throw forbidden(`This API key lacks the ${Scope.agentWrite} scope`);
  return userId;
}

export const requireAgentAdmin = (identity: Identity) => requireScope(identity, 'Administering the agent', Scope.agentAdmin);
export const requireTaskOperator = (identity: Identity) => requireScope(identity, 'Working the task queue', Scope.agentAdmin, Scope.agentWorker);
