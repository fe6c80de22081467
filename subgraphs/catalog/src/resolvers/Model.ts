import { badInput, pickLocale } from '@sixfold/kit';
import type { ModelResolvers } from '../generated/graphql.js';
import type { Pricing } from '../generated/prisma/client.js';

/** At most this many articles per model in `Model.news`. */
const MAX_NEWS = 20;

/** The price in effect per tier: the region's own where it has one, else the global one (rows come regional first). */
function onePerTier(prices: Pricing[], tier: string | null | undefined): Pricing[] {
  const byTier = new Map<string, Pricing>();
  for (const price of prices) if (!byTier.has(price.tier) && (!tier || price.tier === tier)) byTier.set(price.tier, price);
  return [...byTier.values()];
}

export const Model: ModelResolvers = {
  __resolveReference(ref, ctx) {
    return 'id' in ref ? ctx.loaders.modelById.load(ref.id) : ctx.loaders.modelBySlug.load(ref.slug);
  },
  name: (model, { locale }) => pickLocale(model.name, locale) ?? model.slug,
  description: (model, { locale }) => pickLocale(model.description, locale),
  async provider(model, _args, ctx) {
    const provider = await ctx.loaders.providerById.load(model.providerId);
    if (!provider) throw new Error(`model ${model.id} refers to missing provider ${model.providerId}`);
    return provider;
  },
  async endpoints(model, { preferredRegion, includeInactive }, ctx) {
    const endpoints = (await ctx.loaders.endpointsByModel.load(model.id)).filter((e) => includeInactive || e.isActive);
    // Stable sort: the preferred region first, the rest keep their failover order.
    return preferredRegion ? [...endpoints].sort((a, b) => Number(b.region === preferredRegion) - Number(a.region === preferredRegion)) : endpoints;
  },
  async pricing(model, { region, tier }, ctx) {
    return onePerTier(await ctx.loaders.currentPricesByModel(region ?? null).load(model.id), tier);
  },
  async pricingHistory(model, { region, tier }, ctx) {
    const prices = await ctx.loaders.pricingHistoryByModel(region ?? null).load(model.id);
    return tier ? prices.filter((p) => p.tier === tier) : prices;
  },
  async latestBenchmarks(model, _args, ctx) {
    const scores = await ctx.loaders.latestScoresByModel.load(model.id);
    const suites = await ctx.loaders.suiteById.loadMany(scores.map((s) => s.suiteId));
    const slugOf = new Map(suites.flatMap((s) => (s && !(s instanceof Error) ? [[s.id, s.slug] as const] : [])));
    return [...scores].sort((a, b) => (slugOf.get(a.suiteId) ?? '').localeCompare(slugOf.get(b.suiteId) ?? ''));
  },
  benchmarkHistory: (model, { suite }, ctx) => ctx.loaders.scoreHistoryByModel(suite).load(model.id),
  async documentation(model, { docType, locale }, ctx) {
    const docs = await ctx.loaders.documentationByModel.load(model.id);
    return docs.filter((d) => (!docType || d.docType === docType) && (!locale || d.locale === locale));
  },
  news(model, { first }, ctx) {
    const limit = first ?? 5;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_NEWS) throw badInput('first', `must be between 0 and ${MAX_NEWS}`);
    return ctx.loaders.mentionsByModel(limit).load(model.id);
  },
};
