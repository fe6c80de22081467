import type { SalesSystemIntegrationEventResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const SalesSystemIntegrationEvent: SalesSystemIntegrationEventResolvers = {
  salesSystem: (event, _args, ctx) => required(ctx.loaders.salesSystemById.load(event.salesSystemId), `sales system of integration event ${event.id}`),
  businessUnit: (event, _args, ctx) => required(ctx.loaders.businessUnitById.load(event.businessUnitId), `business unit of integration event ${event.id}`),
  serviceOrder: (event, _args, ctx) => (event.serviceOrderId ? ctx.loaders.serviceOrderById.load(event.serviceOrderId) : null),
};
