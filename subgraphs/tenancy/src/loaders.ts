import { isUuid, loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, type Db } from '@sixfold/kit';
import type { TenancyTx } from './context.js';
import type { ProjectFilter, TaskFilter } from './generated/graphql.js';
import { MEMBER_STATUSES_IN_VIEW, projectWhere, taskWhere, TASK_ORDER } from './queries.js';
import { Prisma } from './generated/prisma/client.js';

/**
 * Tenancy's DataLoaders, created once per request: one per relation, so a list never costs a
 * query per item. They all run in the request's transaction, so row-level security filters every
 * batch exactly as it filters a single lookup.
 */
export function createLoaders(db: Db<TenancyTx>) {
  const byKeys = <R>(fetch: (tx: TenancyTx, keys: string[]) => Promise<R[]>) => (keys: readonly string[]) => db.run((tx) => fetch(tx, [...keys]));
  /** Keys that are not uuids (another subgraph's representation, say) name no row: they never reach the database, where they would fail the whole batch. */
  const byIds = <R>(fetch: (tx: TenancyTx, ids: string[]) => Promise<R[]>) => (keys: readonly string[]) => {
    const ids = keys.filter(isUuid);
    return ids.length ? db.run((tx) => fetch(tx, ids)) : Promise.resolve([]);
  };

  const tasksPagedBy = (parentColumn: 'project_id' | 'assignee_id') =>
    loaderFamily((filter: TaskFilter | null | undefined) =>
      pagedChildrenLoader(
        db,
        { table: 'app.tasks', parentColumn, orderBy: TASK_ORDER, where: taskWhere(filter ?? {}) },
        (tx, ids) => tx.task.findMany({ where: { id: { in: ids } } }),
        (t) => t.id,
      ),
    );

  return {
    userById: loaderByKey(byIds((tx, ids) => tx.user.findMany({ where: { id: { in: ids } } })), (u) => u.id),
    organizationById: loaderByKey(byIds((tx, ids) => tx.organization.findMany({ where: { id: { in: ids } } })), (o) => o.id),
    organizationBySlug: loaderByKey(byKeys((tx, slugs) => tx.organization.findMany({ where: { slug: { in: slugs } } })), (o) => o.slug),
    /** Memberships (invitations included) of each user, as far as the caller may see them. */
    membershipsByUser: loaderOfGroups(
      byIds((tx, ids) =>
        tx.organizationMember.findMany({ where: { userId: { in: ids }, status: { in: [...MEMBER_STATUSES_IN_VIEW] } }, orderBy: { invitedAt: 'asc' } }),
      ),
      (m) => m.userId,
    ),
    /** The caller's own membership of each organization (for `viewerRole`). */
    viewerMembershipByOrganization: loaderByKey(
      byIds((tx, ids) =>
        db.identity.userId
          ? tx.organizationMember.findMany({ where: { organizationId: { in: ids }, userId: db.identity.userId, status: 'active' } })
          : Promise.resolve([]),
      ),
      (m) => m.organizationId,
    ),
    membersByOrganization: loaderFamily((status: string | null) =>
      pagedChildrenLoader(
        db,
        {
          table: 'app.organization_members',
          parentColumn: 'organization_id',
          orderBy: "CASE t.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, t.invited_at, t.id",
          where: status ? Prisma.sql`t.status = ${status}` : Prisma.sql`t.status IN ('pending', 'active')`,
        },
        (tx, ids) => tx.organizationMember.findMany({ where: { id: { in: ids } } }),
        (m) => m.id,
      ),
    ),
    projectById: loaderByKey(byIds((tx, ids) => tx.project.findMany({ where: { id: { in: ids } } })), (p) => p.id),
    projectsByOrganization: loaderFamily((filter: ProjectFilter | null | undefined) =>
      pagedChildrenLoader(
        db,
        { table: 'app.projects', parentColumn: 'organization_id', orderBy: 't.created_at DESC, t.id', where: projectWhere(filter ?? {}) },
        (tx, ids) => tx.project.findMany({ where: { id: { in: ids } } }),
        (p) => p.id,
      ),
    ),
    taskById: loaderByKey(byIds((tx, ids) => tx.task.findMany({ where: { id: { in: ids } } })), (t) => t.id),
    tasksByProject: tasksPagedBy('project_id'),
    tasksByAssignee: tasksPagedBy('assignee_id'),
    commentById: loaderByKey(byIds((tx, ids) => tx.comment.findMany({ where: { id: { in: ids } } })), (c) => c.id),
    commentsByTask: pagedChildrenLoader(
      db,
      { table: 'app.comments', parentColumn: 'task_id', orderBy: 't.created_at, t.id', where: Prisma.sql`t.deleted_at IS NULL` },
      (tx, ids) => tx.comment.findMany({ where: { id: { in: ids } } }),
      (c) => c.id,
    ),
    attachmentsByTask: loaderOfGroups(
      byIds((tx, ids) => tx.attachment.findMany({ where: { taskId: { in: ids }, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })),
      (a) => a.taskId!,
    ),
    attachmentsByComment: loaderOfGroups(
      byIds((tx, ids) => tx.attachment.findMany({ where: { commentId: { in: ids }, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })),
      (a) => a.commentId!,
    ),
    /** Unexpired global roles of each user (your own, or anyone's for admins). */
    rolesByUser: loaderOfGroups(
      byIds((tx, ids) =>
        tx.$queryRaw<Array<{ userId: string; name: string }>>(Prisma.sql`
          SELECT ur.user_id::text AS "userId", r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
           WHERE ur.user_id = ANY(${ids}::uuid[]) AND (ur.expires_at IS NULL OR ur.expires_at > now()) ORDER BY r.name`),
      ),
      (r) => r.userId,
    ),
    apiKeysByUser: loaderOfGroups(
      byIds((tx, ids) => tx.apiKey.findMany({ where: { userId: { in: ids } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] })),
      (k) => k.userId,
    ),
    projectStatsById: loaderByKey(byIds((tx, ids) => tx.projectStats.findMany({ where: { projectId: { in: ids } } })), (s) => s.projectId),
    activityByUser: loaderByKey(byIds((tx, ids) => tx.userActivityStats.findMany({ where: { userId: { in: ids } } })), (s) => s.userId),
  };
}

export type TenancyLoaders = ReturnType<typeof createLoaders>;
