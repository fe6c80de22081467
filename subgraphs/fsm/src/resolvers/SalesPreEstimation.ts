import type { SalesPreEstimationResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const SalesPreEstimation: SalesPreEstimationResolvers = {
  salesSystem: (estimate, _args, ctx) => required(ctx.loaders.salesSystemByCode.load(estimate.salesSystemCode), `sales system of pre-estimation ${estimate.id}`),
  businessUnit: (estimate, _args, ctx) => required(ctx.loaders.businessUnitById.load(estimate.businessUnitId), `business unit of pre-estimation ${estimate.id}`),
  serviceOrders: (estimate, _args, ctx) => ctx.loaders.serviceOrdersByPreEstimation.load(estimate.id),
};
