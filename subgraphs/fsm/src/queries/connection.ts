import type DataLoader from 'dataloader';
import { pageRequest, toConnection, type ChildPage, type PageArgs, type PageRequest } from '@sixfold/kit';

/** The connection of a filter that can match nothing, answered without asking the database. */
export function emptyConnection(args: PageArgs) {
  return toConnection([], pageRequest(args), 0);
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
