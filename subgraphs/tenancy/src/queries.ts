/**
 * SQL fragments for tenancy's filtered lists. Filters are parameterised (`Prisma.sql`), never
 * spliced in as text; only the constants here are raw SQL. Full-text search uses exactly the
 * expressions seed 001 indexes (idx_tasks_fulltext, idx_projects_fulltext), so the GIN indexes
 * serve it.
 */
import { badInput, uuidArg, type PageRequest } from '@sixfold/kit';
import type { ProjectFilter, TaskFilter } from './generated/graphql.js';
import { Prisma } from './generated/prisma/client.js';

export const MEMBER_STATUSES_IN_VIEW = ['pending', 'active'] as const;

/** Most urgent first: priority, then the nearest due date, then the newest. */
export const TASK_ORDER =
  "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, t.due_date NULLS LAST, t.created_at DESC, t.id";

const MAX_SEARCH_LENGTH = 200;

function searchText(search: string | null | undefined): string | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_LENGTH) throw badInput('filter.search', `must be at most ${MAX_SEARCH_LENGTH} characters`);
  return text;
}

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

export function taskWhere(filter: TaskFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`t.deleted_at IS NULL`];
  if (filter.status?.length) conditions.push(Prisma.sql`t.status = ANY(${lower(filter.status)}::text[])`);
  if (filter.priority?.length) conditions.push(Prisma.sql`t.priority = ANY(${lower(filter.priority)}::text[])`);
  if (filter.assigneeId) conditions.push(Prisma.sql`t.assignee_id = ${uuidArg('filter.assigneeId', filter.assigneeId)}::uuid`);
  if (filter.dueBefore) conditions.push(Prisma.sql`t.due_date < ${new Date(filter.dueBefore as string)}`);
  if (filter.dueAfter) conditions.push(Prisma.sql`t.due_date >= ${new Date(filter.dueAfter as string)}`);
  const search = searchText(filter.search);
  if (search)
    conditions.push(
      Prisma.sql`to_tsvector('english', COALESCE(t.title, '') || ' ' || COALESCE(t.description, '')) @@ websearch_to_tsquery('english', ${search})`,
    );
  return Prisma.join(conditions, ' AND ');
}

export function projectWhere(filter: ProjectFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`t.deleted_at IS NULL`];
  if (filter.organizationId) conditions.push(Prisma.sql`t.organization_id = ${uuidArg('filter.organizationId', filter.organizationId)}::uuid`);
  if (filter.visibility) conditions.push(Prisma.sql`t.visibility = ${filter.visibility.toLowerCase()}`);
  if (filter.status) conditions.push(Prisma.sql`t.status = ${filter.status.toLowerCase()}`);
  const search = searchText(filter.search);
  if (search)
    conditions.push(
      Prisma.sql`to_tsvector('english', COALESCE(t.name, '') || ' ' || COALESCE(t.description, '')) @@ websearch_to_tsquery('english', ${search})`,
    );
  return Prisma.join(conditions, ' AND ');
}

/**
 * One page of ids from `table t WHERE where ORDER BY orderBy`, and the total, in one statement
 * (two only when the page is past the end). The caller loads the rows by id with Prisma, so
 * they keep their types.
 */
export async function pageOfIds(
  tx: TenancyRawTx,
  query: { table: string; where: Prisma.Sql; orderBy: string },
  page: PageRequest,
): Promise<{ ids: string[]; totalCount: number }> {
  const rows = await tx.$queryRaw<Array<{ id: string; total: bigint }>>(Prisma.sql`
    SELECT t.id::text AS id, count(*) OVER () AS total FROM ${Prisma.raw(query.table)} t
     WHERE ${query.where} ORDER BY ${Prisma.raw(query.orderBy)} OFFSET ${page.offset} LIMIT ${page.first}`);
  if (rows.length > 0) return { ids: rows.map((r) => r.id), totalCount: Number(rows[0]!.total) };
  if (page.offset === 0 && page.first > 0) return { ids: [], totalCount: 0 };
  const [{ total }] = await tx.$queryRaw<[{ total: bigint }]>(Prisma.sql`SELECT count(*) AS total FROM ${Prisma.raw(query.table)} t WHERE ${query.where}`);
  return { ids: [], totalCount: Number(total) };
}

type TenancyRawTx = { $queryRaw<T>(query: Prisma.Sql): Promise<T> };

/** Rows fetched by id come back in any order; put them in the page's order. */
export function inOrder<R extends { id: string }>(ids: string[], rows: R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is R => r !== undefined);
}
