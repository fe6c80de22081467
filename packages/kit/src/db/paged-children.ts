import DataLoader from 'dataloader';
import { loaderFamily } from '../loaders.js';
import type { PageRequest } from '../pagination.js';
import { pageIdsByParent, type PagesByParentQuery } from './pages-by-parent.js';
import type { Db } from './request-db.js';

export interface ChildPage<R> {
  rows: R[];
  totalCount: number;
}

/**
 * DataLoaders for a paginated one-to-many field (`Provider.models(first, after)`): one loader per
 * page request, each batch costing two statements whatever the number of parents: one for the ids
 * and totals of every parent's page, one for the rows.
 */
export function pagedChildrenLoader<Tx, R>(
  db: Db<Tx>,
  query: PagesByParentQuery,
  fetchRows: (tx: Tx, ids: string[]) => Promise<R[]>,
  idOf: (row: R) => string,
): (page: PageRequest) => DataLoader<string, ChildPage<R>> {
  return loaderFamily(
    (page: PageRequest) =>
      new DataLoader<string, ChildPage<R>>((parentIds) =>
        db.run(async (tx) => {
          const pages = await pageIdsByParent(tx as never, query, parentIds, page);
          const ids = [...pages.values()].flatMap((p) => p.ids);
          const rows = ids.length ? await fetchRows(tx, ids) : [];
          const byId = new Map(rows.map((row) => [idOf(row), row]));
          return parentIds.map((parentId) => {
            const entry = pages.get(parentId)!;
            return { rows: entry.ids.map((id) => byId.get(id)).filter((r): r is R => r !== undefined), totalCount: entry.totalCount };
          });
        }),
      ),
  );
}
