import type DataLoader from 'dataloader';
import { isUuid } from '../ids.js';
import { pageRequest, toConnection, type Connection, type PageRequest } from '../pagination.js';
import type { ChildPage } from './paged-children.js';
import type { Db } from './request-db.js';

/** The `first`/`after` arguments of every paginated field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * A top-level list as a connection: one page of rows and the total, both in the request's
 * transaction, so that row-level security counts only what the caller may see. `query` gets
 * Prisma's `skip`/`take` and returns the two statements, which run side by side.
 */
export async function listConnection<Tx, R>(
  db: Db<Tx>,
  args: PageArgs,
  query: (tx: Tx, page: { skip: number; take: number }) => [rows: Promise<R[]>, totalCount: Promise<number>],
): Promise<Connection<R>> {
  const page = pageRequest(args);
  const [rows, totalCount] = await db.run((tx) => Promise.all(query(tx, { skip: page.offset, take: page.first })));
  return toConnection(rows, page, totalCount);
}

/**
 * A paginated one-to-many field (`Provider.models(first, after)`) through its paged loader
 * (`pagedChildrenLoader`). Parents are keyed by uuid throughout the graph: a representation from
 * another subgraph carrying anything else owns nothing here, and must not fail the batch it
 * would share with other parents.
 */
export async function childConnection<R>(
  loader: (page: PageRequest) => DataLoader<string, ChildPage<R>>,
  parentId: string,
  args: PageArgs,
): Promise<Connection<R>> {
  const page = pageRequest(args);
  if (!isUuid(parentId)) return toConnection<R>([], page, 0);
  const { rows, totalCount } = await loader(page).load(parentId.toLowerCase());
  return toConnection(rows, page, totalCount);
}
