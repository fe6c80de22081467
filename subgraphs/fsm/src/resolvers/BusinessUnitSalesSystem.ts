import type { BusinessUnitSalesSystemResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const BusinessUnitSalesSystem: BusinessUnitSalesSystemResolvers = {
  businessUnit: (link, _args, ctx) => required(ctx.loaders.businessUnitById.load(link.businessUnitId), `business unit of link ${link.id}`),
  salesSystem: (link, _args, ctx) => required(ctx.loaders.salesSystemById.load(link.salesSystemId), `sales system of link ${link.id}`),
};
