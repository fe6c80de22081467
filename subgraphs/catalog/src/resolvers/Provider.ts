import { pageRequest, toConnection } from '@sixfold/kit';
import type { ProviderResolvers } from '../generated/graphql.js';

export const Provider: ProviderResolvers = {
  __resolveReference(ref, ctx) {
    return 'id' in ref ? ctx.loaders.providerById.load(ref.id) : ctx.loaders.providerBySlug.load(ref.slug);
  },
  regions: (provider) => (Array.isArray(provider.regions) ? (provider.regions as string[]) : []),
  async models(provider, args, ctx) {
    const page = pageRequest(args);
    const { rows, totalCount } = await ctx.loaders.modelsByProvider(page).load(provider.id);
    return toConnection(rows, page, totalCount);
  },
};
