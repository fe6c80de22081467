import type DataLoader from 'dataloader';
import { isUuid, pageRequest, toConnection, type ChildPage, type PageRequest } from '@sixfold/kit';

type PageArgs = { first?: number | null; after?: string | null };

/** One page of a parent's children through a paged loader (`User.llmRequests(first, after)`). */
export async function childPage<R>(loader: (page: PageRequest) => DataLoader<string, ChildPage<R>>, parentId: string, args: PageArgs) {
  const page = pageRequest(args);
  // Another subgraph's representation may carry an id that is no uuid: it owns nothing here.
  if (!isUuid(parentId)) return toConnection<R>([], page, 0);
  const { rows, totalCount } = await loader(page).load(parentId);
  return toConnection(rows, page, totalCount);
}

/** One page of a top-level list: the rows and the total, in the request's transaction. */
export async function listPage<R>(args: PageArgs, fetch: (page: PageRequest) => Promise<[R[], number]>) {
  const page = pageRequest(args);
  const [rows, totalCount] = await fetch(page);
  return toConnection(rows, page, totalCount);
}
