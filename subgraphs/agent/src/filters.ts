/**
 * List filters, once as Prisma `where` (top-level lists) and once as SQL over the aliased table
 * `t` (the per-parent page loaders): the same conditions, kept side by side.
 */
import { sql, type Sql } from '@sixfold/kit';
import type { BackgroundTaskFilter, LlmRequestFilter, MemoryFilter } from './generated/graphql.js';
import type { Prisma } from './generated/prisma/client.js';
import { toColumnValue } from './values.js';

export function requestWhere(filter: LlmRequestFilter | null | undefined): Prisma.LlmRequestWhereInput {
  return {
    ...(filter?.statuses?.length ? { status: { in: filter.statuses.map(toColumnValue) } } : {}),
    ...(filter?.requestType ? { requestType: filter.requestType } : {}),
    ...(filter?.createdAfter || filter?.createdBefore
      ? { createdAt: { ...(filter.createdAfter ? { gte: new Date(filter.createdAfter) } : {}), ...(filter.createdBefore ? { lt: new Date(filter.createdBefore) } : {}) } }
      : {}),
  };
}

export function requestFilterSql(filter: LlmRequestFilter | null | undefined): Sql | undefined {
  const parts: Sql[] = [];
  if (filter?.statuses?.length) parts.push(sql`t.status = ANY(${filter.statuses.map(toColumnValue)}::text[])`);
  if (filter?.requestType) parts.push(sql`t.request_type = ${filter.requestType}`);
  if (filter?.createdAfter) parts.push(sql`t.created_at >= ${new Date(filter.createdAfter)}`);
  if (filter?.createdBefore) parts.push(sql`t.created_at < ${new Date(filter.createdBefore)}`);
  return allOf(parts);
}

export function memoryWhere(filter: MemoryFilter | null | undefined): Prisma.CogneeMemoryWhereInput {
  return {
    ...(filter?.memoryType ? { memoryType: filter.memoryType } : {}),
    ...(filter?.sessionId ? { sessionId: filter.sessionId } : {}),
  };
}

export function memoryFilterSql(filter: MemoryFilter | null | undefined): Sql | undefined {
  const parts: Sql[] = [];
  if (filter?.memoryType) parts.push(sql`t.memory_type = ${filter.memoryType}`);
  if (filter?.sessionId) parts.push(sql`t.session_id = ${filter.sessionId}::uuid`);
  return allOf(parts);
}

export const statusSql = (status: string | null | undefined): Sql | undefined => (status ? sql`t.status = ${toColumnValue(status)}` : undefined);

export function taskWhere(filter: BackgroundTaskFilter | null | undefined): Prisma.BackgroundTaskWhereInput {
  return {
    ...(filter?.statuses?.length ? { status: { in: filter.statuses } } : {}),
    ...(filter?.priorities?.length ? { priority: { in: filter.priorities } } : {}),
    ...(filter?.taskTypes?.length ? { taskType: { in: filter.taskTypes } } : {}),
    ...(filter?.workerId ? { workerId: filter.workerId } : {}),
  };
}

const allOf = ([first, ...rest]: Sql[]): Sql | undefined => (first ? rest.reduce((all, part) => sql`${all} AND ${part}`, first) : undefined);
