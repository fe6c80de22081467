import { badInput, listConnection, pageRequest, requireAdmin, SCOPES, toConnection, uuidArg } from '@sixfold/kit';
import { requirePerson } from '../access.js';
import type { QueryResolvers } from '../generated/graphql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { inOrder, pageOfIds, projectWhere, TASK_ORDER, taskWhere } from '../queries.js';

export const Query: QueryResolvers = {
  me: (_root, _args, ctx) => (ctx.identity.kind === 'user' && ctx.identity.userId ? ctx.loaders.userById.load(ctx.identity.userId) : null),

  user: (_root, { id }, ctx) => ctx.loaders.userById.load(uuidArg('id', id)),

  organization(_root, { id, slug }, ctx) {
    if (!id === !slug) throw badInput('organization', 'give exactly one of id or slug');
    return id ? ctx.loaders.organizationById.load(uuidArg('id', id)) : ctx.loaders.organizationBySlug.load(slug!);
  },

  project: (_root, { id }, ctx) => ctx.loaders.projectById.load(uuidArg('id', id)),

  async projects(_root, { filter, first, after }, ctx) {
    const page = pageRequest({ first, after });
    const where = projectWhere(filter ?? {});
    const { rows, totalCount } = await ctx.db.run(async (tx) => {
      const { ids, totalCount } = await pageOfIds(tx, { table: 'app.projects', where, orderBy: 't.created_at DESC, t.id' }, page);
      return { rows: inOrder(ids, ids.length ? await tx.project.findMany({ where: { id: { in: ids } } }) : []), totalCount };
    });
    return toConnection(rows, page, totalCount);
  },

  task: (_root, { id }, ctx) => ctx.loaders.taskById.load(uuidArg('id', id)),

  async tasks(_root, { filter, first, after }, ctx) {
    const page = pageRequest({ first, after });
    const where = taskWhere(filter ?? {});
    const { rows, totalCount } = await ctx.db.run(async (tx) => {
      const { ids, totalCount } = await pageOfIds(tx, { table: 'app.tasks', where, orderBy: TASK_ORDER }, page);
      return { rows: inOrder(ids, ids.length ? await tx.task.findMany({ where: { id: { in: ids } } }) : []), totalCount };
    });
    return toConnection(rows, page, totalCount);
  },

  async notifications(_root, { unreadOnly, first, after }, ctx) {
    const userId = requirePerson(ctx.identity);
    // Explicitly the caller's own: row-level security would show an admin everyone's.
    const where: Prisma.NotificationWhereInput = { userId, ...(unreadOnly ? { isRead: false } : {}) };
    return listConnection(ctx.db, { first, after }, (tx, { skip, take }) => [
      tx.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      tx.notification.count({ where }),
    ]);
  },

  unreadNotificationCount(_root, _args, ctx) {
    const userId = requirePerson(ctx.identity);
    return ctx.db.run((tx) => tx.notification.count({ where: { userId, isRead: false } }));
  },

  async auditLog(_root, { filter, first, after }, ctx) {
    requirePerson(ctx.identity);
    requireAdmin(ctx.identity);
    const where: Prisma.AuditLogEntryWhereInput = {
      ...(filter?.tableName ? { tableName: filter.tableName } : {}),
      ...(filter?.recordId ? { recordId: uuidArg('filter.recordId', filter.recordId) } : {}),
      ...(filter?.actorId ? { userId: uuidArg('filter.actorId', filter.actorId) } : {}),
      ...(filter?.action ? { action: filter.action } : {}),
      ...(filter?.since ? { createdAt: { gte: new Date(filter.since as string) } } : {}),
    };
    return listConnection(ctx.db, { first, after }, (tx, { skip, take }) => [
      tx.auditLogEntry.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      tx.auditLogEntry.count({ where }),
    ]);
  },

  apiKeyScopes: () => SCOPES.map(({ name, kind, description }) => ({ name, description, kind: kind === 'narrows' ? 'NARROWS' : 'GRANTS' })),
};
