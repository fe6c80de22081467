import { badInput, isUuid, type PageRequest } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ModelFilter, ModelOrder } from '../generated/graphql.js';

const { sql, join, raw, empty } = Prisma;

/** The Date scalar's parsed value. */
const asDate = (value: unknown) => value as Date;

/** Filters as SQL conditions on `m` (catalog.models); every value is a bound parameter. */
function conditions(filter: ModelFilter | null | undefined): Prisma.Sql[] {
  if (!filter) return [];
  const where: Prisma.Sql[] = [];
  if (filter.minContextWindow != null && filter.maxContextWindow != null && filter.minContextWindow > filter.maxContextWindow)
    throw badInput('filter.maxContextWindow', 'must not be less than minContextWindow');
  if (filter.releasedAfter && filter.releasedBefore && asDate(filter.releasedAfter) >= asDate(filter.releasedBefore))
    throw badInput('filter.releasedBefore', 'must be after releasedAfter');
  const badId = filter.providerIds?.findIndex((id) => !isUuid(id)) ?? -1;
  if (badId >= 0) throw badInput(`filter.providerIds[${badId}]`, 'is not a provider id');
  if (filter.providerIds) where.push(sql`m.provider_id = ANY(${filter.providerIds}::uuid[])`);
  if (filter.providerSlugs) where.push(sql`m.provider_id IN (SELECT id FROM catalog.providers WHERE slug = ANY(${filter.providerSlugs}::text[]))`);
  if (filter.modalities?.length) where.push(sql`m.modalities @> ${filter.modalities}::text[]`);
  if (filter.capabilities?.length) where.push(sql`m.capabilities @> ${filter.capabilities}::text[]`);
  if (filter.isActive != null) where.push(sql`m.is_active = ${filter.isActive}`);
  if (filter.minContextWindow != null) where.push(sql`m.context_window >= ${filter.minContextWindow}`);
  if (filter.maxContextWindow != null) where.push(sql`m.context_window <= ${filter.maxContextWindow}`);
  if (filter.releasedAfter) where.push(sql`m.released_at > ${asDate(filter.releasedAfter)}::date`);
  if (filter.releasedBefore) where.push(sql`m.released_at < ${asDate(filter.releasedBefore)}::date`);
  return where;
}

/** ORDER BY for the requested sort; `b` is the model's latest score on the sort's suite. Ties go by id. */
function ordering(order: ModelOrder | null | undefined): Prisma.Sql {
  const direction = raw(order?.direction === 'DESC' ? 'DESC' : 'ASC');
  switch (order?.field) {
    case 'NAME':
      return sql`lower(m.name ->> 'en-US') ${direction}, m.id`;
    case 'CONTEXT_WINDOW':
      return sql`m.context_window ${direction} NULLS LAST, m.id`;
    case 'RELEASED_AT':
      return sql`m.released_at ${direction} NULLS LAST, m.id`;
    case 'BENCHMARK_SCORE':
      return sql`b.score_normalized ${direction} NULLS LAST, m.id`;
    default:
      return sql`m.released_at DESC NULLS LAST, m.id`;
  }
}

/**
 * One page of the directory (`Query.models`): the ids in order and the total, in one statement
 * (a second one only for a page past the end), then the rows through the loader, which also
 * serves every later lookup of these models in the request.
 */
export async function listModels(ctx: CatalogContext, page: PageRequest, filter: ModelFilter | null | undefined, order: ModelOrder | null | undefined) {
  let suiteId: string | null = null;
  if (order?.field === 'BENCHMARK_SCORE') {
    if (!order.suite) throw badInput('orderBy.suite', 'name the benchmark suite to sort by');
    const suite = await ctx.loaders.suiteBySlug.load(order.suite);
    if (!suite) throw badInput('orderBy.suite', `no benchmark suite "${order.suite}"`);
    suiteId = suite.id;
  }
  const where = conditions(filter);
  const whereSql = where.length ? sql`WHERE ${join(where, ' AND ')}` : empty;
  const latestScore = suiteId
    ? sql`LEFT JOIN LATERAL (
        SELECT s.score_normalized FROM catalog.benchmark_scores s
        WHERE s.model_id = m.id AND s.suite_id = ${suiteId}::uuid
        ORDER BY s.evaluation_date DESC LIMIT 1
      ) b ON true`
    : empty;
  const rows = await ctx.db.run((tx) =>
    tx.$queryRaw<Array<{ id: string; total: bigint }>>`
      SELECT m.id::text AS id, count(*) OVER () AS total
      FROM catalog.models m ${latestScore}
      ${whereSql}
      ORDER BY ${ordering(order)}
      OFFSET ${page.offset} LIMIT ${page.first}`,
  );
  let totalCount = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && (page.offset > 0 || page.first === 0)) {
    const [count] = await ctx.db.run((tx) => tx.$queryRaw<Array<{ total: bigint }>>`SELECT count(*) AS total FROM catalog.models m ${whereSql}`);
    totalCount = Number(count!.total);
  }
  const models = await ctx.loaders.modelById.loadMany(rows.map((r) => r.id));
  return { models: models.filter((m): m is Exclude<typeof m, Error | null> => m !== null && !(m instanceof Error)), totalCount };
}
