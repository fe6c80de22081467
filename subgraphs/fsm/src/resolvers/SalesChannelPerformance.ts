import type { SalesChannelPerformanceResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const SalesChannelPerformance: SalesChannelPerformanceResolvers = {
  businessUnit: (row, _args, ctx) => required(ctx.loaders.businessUnitById.load(row.businessUnitId), `business unit ${row.businessUnitId}`),
};
