import type { ProviderPerformanceResolvers } from '../generated/graphql.js';

export const ProviderPerformance: ProviderPerformanceResolvers = {
  provider: (performance, _args, ctx) => ctx.loaders.providerByName.load(performance.providerName),
};
