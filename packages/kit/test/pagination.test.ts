import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, pageRequest, toConnection } from '../src/pagination.js';

describe('pagination', () => {
  it('defaults, validates and caps page sizes', () => {
    expect(pageRequest({})).toEqual({ first: 20, offset: 0 });
    expect(() => pageRequest({ first: 101 })).toThrow(/at most 100/);
    expect(() => pageRequest({ first: -1 })).toThrow(/non-negative/);
  });

  it('continues after an opaque cursor and rejects cursors it did not issue', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(pageRequest({ first: 5, after: encodeCursor(9) })).toEqual({ first: 5, offset: 10 });
    expect(() => pageRequest({ after: 'bogus' })).toThrow(/not a cursor/);
  });

  it('builds connections that know whether more pages follow', () => {
    const page = { first: 2, offset: 2 };
    const connection = toConnection(['c', 'd'], page, 5);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(2), endCursor: encodeCursor(3) });
    expect(toConnection(['e'], { first: 2, offset: 4 }, 5).pageInfo.hasNextPage).toBe(false);
  });
});
