import { pickLocale } from '@sixfold/kit';
import type { ModelListingResolvers } from '../generated/graphql.js';
import { modelOf } from './references.js';

/** As the materialized view stores them (score as text: decimals stay exact). */
interface StoredBenchmark {
  suite: string;
  score: string | null;
  date: string;
}

export const ModelListing: ModelListingResolvers = {
  name: (listing, { locale }) => pickLocale(listing.name, locale) ?? listing.slug,
  async provider(listing, _args, ctx) {
    const provider = await ctx.loaders.providerById.load(listing.providerId);
    if (!provider) throw new Error(`missing provider ${listing.providerId}`);
    return provider;
  },
  recentBenchmarks: (listing) =>
    (listing.recentBenchmarks as unknown as StoredBenchmark[]).map((b) => ({ suiteSlug: b.suite, scoreNormalized: b.score, evaluationDate: new Date(`${b.date}T00:00:00Z`) })),
  model: (listing, _args, ctx) => modelOf(ctx, listing.id),
};
