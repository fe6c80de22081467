import { pageRequest, sql, toConnection, type PageArgs, type Sql } from '@sixfold/kit';
import type { FsmContext } from '../context.js';
import type { StoreFilter } from '../generated/graphql.js';

/**
 * `stores(filter)`: one page of store ids and the total in SQL, then the rows through the
 * request's store loader. Every filter is a condition of the one statement, so a search matching
 * many stores (or a country with many business units) never turns into a list of ids sent back
 * to the database. The search matches the expression idx_stores_search indexes, so it uses it.
 */
export async function storeConnection(ctx: FsmContext, filter: StoreFilter, args: PageArgs) {
  const page = pageRequest(args);
  const conditions: Sql[] = [sql`TRUE`];
  if (filter.businessUnitId) conditions.push(sql`s.business_unit_id = ${filter.businessUnitId}::uuid`);
  if (filter.activeOnly) conditions.push(sql`s.is_active`);
  if (filter.countryCode) {
    conditions.push(sql`EXISTS (SELECT 1 FROM fsm.business_units b WHERE b.id = s.business_unit_id AND b.country_code = ${filter.countryCode})`);
  }
  if (filter.search) {
    conditions.push(sql`to_tsvector('simple', s.name || ' ' || coalesce(s.address ->> 'city', '')) @@ plainto_tsquery('simple', ${filter.search})`);
  }
  const where = conditions.reduce((all, c) => sql`${all} AND ${c}`);
  const [ids, [{ total }]] = await ctx.db.run((tx) =>
    Promise.all([
      tx.$queryRaw<Array<{ id: string }>>(sql`
        SELECT s.id::text AS id FROM fsm.stores s WHERE ${where}
        ORDER BY s.business_unit_id, s.store_code, s.id
        OFFSET ${page.offset} LIMIT ${page.first}`),
      tx.$queryRaw<[{ total: number }]>(sql`SELECT count(*)::int AS total FROM fsm.stores s WHERE ${where}`),
    ]),
  );
  const stores = await Promise.all(ids.map((row) => ctx.loaders.storeById.load(row.id)));
  // A store deleted between the two statements is left out rather than failing the page.
  const rows = stores.filter(<T>(store: T | null | undefined): store is T => store != null);
  return toConnection(rows, page, total);
}
