import { childConnection } from '@sixfold/kit';
import type { ModelResolvers } from '../generated/graphql.js';
import { seriesRequest } from '../status/series.js';
import { assertKnownRegion } from './validation.js';

export const Model: ModelResolvers = {
  // Catalog owns models; any id is a model this subgraph may simply know nothing about.
  __resolveReference: ({ id }) => ({ id }),

  async status(model, { region }, ctx) {
    await assertKnownRegion(ctx, region);
    return ctx.loaders.status(region ?? null).load(model.id);
  },

  async uptime(model, { window, region }, ctx) {
    await assertKnownRegion(ctx, region);
    return ctx.loaders.uptime({ window: window ?? 'DAY', region: region ?? null }).load(model.id);
  },

  openIncidents: (model, _args, ctx) => ctx.loaders.openIncidentsByModel.load(model.id),

  incidents: (model, { status, ...args }, ctx) => childConnection(ctx.loaders.incidentsByModel(status?.length ? [...status].sort() : null), model.id, args),

  async statusSeries(model, args, ctx) {
    await assertKnownRegion(ctx, args.region);
    return ctx.loaders.series(seriesRequest(args)).load(model.id);
  },
};
