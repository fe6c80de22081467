import type { Db } from '@sixfold/kit';
import type { ObservabilityTx } from '../context.js';

/**
 * The region slugs, cached for a minute: reference data read on every status request, changed
 * only by migrations. (Probe ingestion validates against the table itself, in its own statement.)
 */
export interface KnownRegions {
  list(): Promise<string[]>;
}

export function knownRegions(db: Db<ObservabilityTx>, ttlMs = 60_000): KnownRegions {
  let cached: { slugs: Promise<string[]>; expiresAt: number } | undefined;
  return {
    list() {
      if (!cached || cached.expiresAt <= Date.now()) {
        const slugs = db.run((tx) => tx.region.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).then((rows) => rows.map((r) => r.slug));
        cached = { slugs, expiresAt: Date.now() + ttlMs };
        // A failed read must not be cached.
        slugs.catch(() => (cached = undefined));
      }
      return cached.slugs;
    },
  };
}
