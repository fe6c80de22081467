import { childConnection } from '@sixfold/kit';
import type { ProviderResolvers } from '../generated/graphql.js';

export const Provider: ProviderResolvers = {
  // Catalog owns providers; this subgraph adds their incidents.
  __resolveReference: ({ id }) => ({ id }),

  openIncidents: (provider, _args, ctx) => ctx.loaders.openIncidentsByProvider.load(provider.id),

  incidents: (provider, { status, ...args }, ctx) => childConnection(ctx.loaders.incidentsByProvider(status?.length ? [...status].sort() : null), provider.id, args),
};
