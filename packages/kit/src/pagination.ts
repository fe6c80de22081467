import { badInput } from './errors.js';

/** Hard ceiling on any page, whatever a client asks for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
}

/** Cursors are opaque to clients: base64url of the position of the item in the ordered list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) throw badInput(argument, 'is not a cursor this API issued');
  return Number(match[1]);
}

export interface PageRequest {
  /** Rows to return. */
  first: number;
  /** Rows to skip: the position after the `after` cursor. */
  offset: number;
}

/** Validates `first`/`after`: `first` between 0 and the maximum, `after` a cursor we issued. */
export function pageRequest(args: { first?: number | null; after?: string | null }, max = MAX_PAGE_SIZE, fallback = DEFAULT_PAGE_SIZE): PageRequest {
  const first = args.first ?? fallback;
  if (!Number.isInteger(first) || first < 0) throw badInput('first', 'must be a non-negative integer');
  if (first > max) throw badInput('first', `must be at most ${max}`);
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { first, offset };
}

/** Builds a connection from one page of rows (fetched with `take: first`) and the total count. */
export function toConnection<T>(rows: readonly T[], page: PageRequest, totalCount: number): Connection<T> {
  const edges = rows.slice(0, page.first).map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    totalCount,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.offset + edges.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
