import { pageRequest, toConnection } from '@sixfold/kit';
import type { ProviderResolvers } from '../generated/graphql.js';

export const Provider: ProviderResolvers = {
  // Catalog owns providers; this subgraph adds their incidents.
  __resolveReference: ({ id }) => ({ id }),

  openIncidents: (provider, _args, ctx) => ctx.loaders.openIncidentsByProvider.load(provider.id),

  async incidents(provider, { status, ...args }, ctx) {
    const page = pageRequest(args);
    const { rows, totalCount } = await ctx.loaders.incidentsByProvider(status?.length ? [...status].sort() : null)(page).load(provider.id);
    return toConnection(rows, page, totalCount);
  },
};
