import { badInput, type PageRequest } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import { Prisma, type ModelListing } from '../generated/prisma/client.js';

const { sql, empty } = Prisma;

/**
 * One page of catalog.model_listings by en-US name (idx_model_listings_name): ids and total in one
 * statement, the rows in a second.
 */
export async function listModelListings(ctx: CatalogContext, page: PageRequest, providerSlug: string | null | undefined) {
  let providerId: string | null = null;
  if (providerSlug) {
    const provider = await ctx.loaders.providerBySlug.load(providerSlug);
    if (!provider) throw badInput('providerSlug', `no provider "${providerSlug}"`);
    providerId = provider.id;
  }
  const where = providerId ? sql`WHERE l.provider_id = ${providerId}::uuid` : empty;
  return ctx.db.run(async (tx) => {
    const ranked = await tx.$queryRaw<Array<{ id: string; total: bigint }>>`
      SELECT l.id::text AS id, count(*) OVER () AS total
      FROM catalog.model_listings l ${where}
      ORDER BY lower(l.name ->> 'en-US'), l.id
      OFFSET ${page.offset} LIMIT ${page.first}`;
    let totalCount = Number(ranked[0]?.total ?? 0);
    if (ranked.length === 0 && (page.offset > 0 || page.first === 0)) {
      const [count] = await tx.$queryRaw<Array<{ total: bigint }>>`SELECT count(*) AS total FROM catalog.model_listings l ${where}`;
      totalCount = Number(count!.total);
    }
    const rows = ranked.length ? await tx.modelListing.findMany({ where: { id: { in: ranked.map((r) => r.id) } } }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const listings = ranked.map((r) => byId.get(r.id)).filter((r): r is ModelListing => r !== undefined);
    return { listings, totalCount };
  });
}
