import { childConnection } from '@sixfold/kit';
import type { ProviderResolvers } from '../generated/graphql.js';

export const Provider: ProviderResolvers = {
  __resolveReference(ref, ctx) {
    return 'id' in ref ? ctx.loaders.providerById.load(ref.id) : ctx.loaders.providerBySlug.load(ref.slug);
  },
  regions: (provider) => (Array.isArray(provider.regions) ? (provider.regions as string[]) : []),
  models: (provider, args, ctx) => childConnection(ctx.loaders.modelsByProvider, provider.id, args),
};
