import { describe, expect, it } from '@jest/globals';
import DataLoader from 'dataloader';
import { childConnection } from '../src/db/connections.js';
import type { ChildPage } from '../src/db/paged-children.js';
import type { PageRequest } from '../src/pagination.js';

const PARENT = '6f1c2a9e-0b7d-4c1e-9a51-3d2f8e4b7c10';

/** A paged loader over an in-memory parent → children map, recording the keys of each batch. */
function pagedLoader(children: Record<string, string[]>) {
  const batches: string[][] = [];
  const loader = (page: PageRequest) =>
    new DataLoader<string, ChildPage<string>>(async (parentIds) => {
      batches.push([...parentIds]);
      return parentIds.map((id) => ({ rows: (children[id] ?? []).slice(page.offset, page.offset + page.first), totalCount: children[id]?.length ?? 0 }));
    });
  return { loader, batches };
}

describe('childConnection', () => {
  it('pages a parent’s children through its loader, whatever the case of the id', async () => {
    const { loader, batches } = pagedLoader({ [PARENT]: ['a', 'b', 'c'] });
    const page = await childConnection(loader, PARENT.toUpperCase(), { first: 2 });
    expect(page.nodes).toEqual(['a', 'b']);
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(batches).toEqual([[PARENT]]);
  });

  it('gives a parent id that is no uuid an empty page without asking the loader', async () => {
    const { loader, batches } = pagedLoader({});
    const page = await childConnection(loader, 'not-a-uuid', { first: 5 });
    expect(page).toMatchObject({ totalCount: 0, nodes: [] });
    expect(batches).toEqual([]);
  });
});
