import { sqltag as sql, raw, empty, type Sql } from '@prisma/client/runtime/client';
import type { PageRequest } from '../pagination.js';

export { sql, raw, empty, type Sql };

interface RawQueryable {
  $queryRaw<T = unknown>(query: Sql): Promise<T>;
}

export interface PagesByParentQuery {
  /** Schema-qualified table, e.g. `media.media_files`. A trusted constant, never user input. */
  table: string;
  /** Column holding the parent's key, e.g. `user_id`. A trusted constant. */
  parentColumn: string;
  /** ORDER BY within each parent, e.g. `uploaded_at DESC, id DESC`. A trusted constant. */
  orderBy: string;
  /** Extra filter for every row (a parameterised `sql` fragment), e.g. sql`deleted_at IS NULL`. */
  where?: Sql;
  /** Postgres type of the parent key, for the array parameter. */
  parentType?: 'uuid' | 'text';
}

export interface ParentPage {
  ids: string[];
  totalCount: number;
}

/**
 * One page of children for each of many parents, in one statement: the building block for a
 * DataLoader behind a paginated one-to-many field (`User.mediaFiles(first: 5)` for 100 users).
 * Returns only ids and totals; the caller fetches the rows by id (one more statement), so rows
 * keep their Prisma types.
 */
export async function pageIdsByParent(
  tx: RawQueryable,
  query: PagesByParentQuery,
  parentIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, ParentPage>> {
  const pages = new Map<string, ParentPage>(parentIds.map((id) => [id, { ids: [], totalCount: 0 }]));
  if (parentIds.length === 0) return pages;
  const parentType = raw(query.parentType ?? 'uuid');
  const rows = await tx.$queryRaw<Array<{ id: string; parent: string; position: bigint; total: bigint }>>(sql`
    SELECT id::text AS id, parent::text AS parent, position, total FROM (
      SELECT t.id, t.${raw(query.parentColumn)} AS parent,
             row_number() OVER (PARTITION BY t.${raw(query.parentColumn)} ORDER BY ${raw(query.orderBy)}) AS position,
             count(*) OVER (PARTITION BY t.${raw(query.parentColumn)}) AS total
      FROM ${raw(query.table)} t
      WHERE t.${raw(query.parentColumn)} = ANY(${parentIds as string[]}::${parentType}[])
        ${query.where ? sql`AND ${query.where}` : empty}
    ) ranked
    WHERE position > ${page.offset} AND position <= ${page.offset + page.first}
    ORDER BY parent, position`);
  // Parents whose page is empty still need their total: ask for it only when some are missing.
  for (const row of rows) {
    const entry = pages.get(row.parent)!;
    entry.ids.push(row.id);
    entry.totalCount = Number(row.total);
  }
  const missing = [...pages.entries()].filter(([, p]) => p.ids.length === 0).map(([id]) => id);
  if (missing.length > 0 && (page.offset > 0 || page.first === 0)) {
    const totals = await tx.$queryRaw<Array<{ parent: string; total: bigint }>>(sql`
      SELECT t.${raw(query.parentColumn)}::text AS parent, count(*) AS total FROM ${raw(query.table)} t
      WHERE t.${raw(query.parentColumn)} = ANY(${missing}::${parentType}[]) ${query.where ? sql`AND ${query.where}` : empty}
      GROUP BY 1`);
    for (const row of totals) pages.get(row.parent)!.totalCount = Number(row.total);
  }
  return pages;
}
