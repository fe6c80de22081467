import type DataLoader from 'dataloader';
import { pageRequest, toConnection, type ChildPage, type PageRequest } from '@sixfold/kit';
import type { FsmContext, FsmTx } from '../context.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * A top-level list as a connection: one page of rows and the total, in the request's transaction
 * (so row-level security counts only what the caller may see). `query` gets Prisma's skip/take.
 */
export async function listConnection<R>(
  ctx: FsmContext,
  args: PageArgs,
  query: (tx: FsmTx, page: { skip: number; take: number }) => [rows: Promise<R[]>, total: Promise<number>],
) {
  const page = pageRequest(args);
  const [rows, total] = await ctx.db.run((tx) => Promise.all(query(tx, { skip: page.offset, take: page.first })));
  return toConnection(rows, page, total);
}

/** The connection of a filter that can match nothing, answered without asking the database. */
export function emptyConnection(args: PageArgs) {
  return toConnection([], pageRequest(args), 0);
}

/** A paginated one-to-many field (`ServiceProject.serviceOrders(first, after)`) through its DataLoader. */
export async function childConnection<R>(loader: (page: PageRequest) => DataLoader<string, ChildPage<R>>, parentId: string, args: PageArgs) {
  const page = pageRequest(args);
  const { rows, totalCount } = await loader(page).load(parentId);
  return toConnection(rows, page, totalCount);
}

/** The first row of a child list (`latestRiskAssessment`): the same loader as the list, one row per parent. */
export async function firstChild<R>(loader: (page: PageRequest) => DataLoader<string, ChildPage<R>>, parentId: string): Promise<R | null> {
  const { rows } = await loader({ first: 1, offset: 0 }).load(parentId);
  return rows[0] ?? null;
}

/** A relation the foreign keys guarantee: a missing row is a bug (and an internal error), not the caller's mistake. */
export async function required<T>(row: Promise<T | null>, what: string): Promise<T> {
  const found = await row;
  if (!found) throw new Error(`${what} is missing`);
  return found;
}
