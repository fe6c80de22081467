/**
 * Every API-key scope the graph understands. Tenancy mints keys and every subgraph honours them,
 * so the names are a contract between domains, kept here once (as the identity header is) rather
 * than as a list in tenancy of what other domains mean.
 *
 * A scope either narrows a key to part of its user's own rights, which anyone may do with a key
 * of their own, or grants a right the user does not otherwise have, which only an admin hands
 * out. A credential without scopes (a session, or a key made without any) carries all of its
 * user's rights and nothing more.
 */
export const Scope = {
  read: 'read',
  write: 'write',
  admin: 'admin',
  tenancyWrite: 'tenancy:write',
  catalogWrite: 'catalog:write',
  probesWrite: 'probes:write',
  statusWrite: 'status:write',
  analyticsWrite: 'analytics:write',
  fsmWrite: 'fsm:write',
  mediaWrite: 'media:write',
  mediaProcess: 'media:process',
  mediaBilling: 'media:billing',
  agentWrite: 'agent:write',
  agentWorker: 'agent:worker',
  agentAdmin: 'agent:admin',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export interface ScopeDefinition {
  name: Scope;
  /** `narrows`: anyone may put it on a key of their own; `grants`: only an admin may. */
  kind: 'narrows' | 'grants';
  description: string;
}

export const SCOPES: readonly ScopeDefinition[] = [
  { name: Scope.read, kind: 'narrows', description: 'Read what the user may read; change nothing.' },
  { name: Scope.write, kind: 'narrows', description: "Read and change what the user may, in every domain." },
  { name: Scope.tenancyWrite, kind: 'narrows', description: "Change the user's organizations, projects, tasks, comments and keys." },
  { name: Scope.mediaWrite, kind: 'narrows', description: "Upload and change the user's media files." },
  { name: Scope.agentWrite, kind: 'narrows', description: "Act on the user's agent data: requests, conversations, debates, memories, tasks." },
  { name: Scope.admin, kind: 'grants', description: "Use an admin's rights through this key (writes in observability)." },
  { name: Scope.catalogWrite, kind: 'grants', description: 'Edit the model catalog: providers, models, pricing, benchmark scores.' },
  { name: Scope.probesWrite, kind: 'grants', description: 'Report status probes.' },
  { name: Scope.statusWrite, kind: 'grants', description: 'Open and update incidents.' },
  { name: Scope.analyticsWrite, kind: 'grants', description: 'Record analytics events.' },
  { name: Scope.fsmWrite, kind: 'grants', description: 'Change field service data and assign project operators.' },
  { name: Scope.mediaProcess, kind: 'grants', description: "Work the media processing queue across every user's files." },
  { name: Scope.mediaBilling, kind: 'grants', description: 'Change media subscriptions and tiers.' },
  { name: Scope.agentWorker, kind: 'grants', description: 'Work the agent background task queue.' },
  { name: Scope.agentAdmin, kind: 'grants', description: "Administer the agent's registries, queue and statistics." },
];

const byName = new Map<string, ScopeDefinition>(SCOPES.map((scope) => [scope.name, scope]));

export const scopeDefinition = (name: string): ScopeDefinition | undefined => byName.get(name);
