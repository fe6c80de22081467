import type { AuditAction, AuditEntryResolvers } from '../generated/graphql.js';

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => String(entry.id),
  action: (entry) => entry.action as AuditAction,
  actorId: (entry) => entry.userId,
  actor: (entry, _args, ctx) => (entry.userId ? ctx.loaders.userById.load(entry.userId) : null),
  changedFields: (entry) => entry.changedFields ?? [],
};
