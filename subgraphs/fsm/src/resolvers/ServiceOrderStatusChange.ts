import type { ServiceOrderStatusChangeResolvers } from '../generated/graphql.js';
import { userRef } from '../shapes.js';

export const ServiceOrderStatusChange: ServiceOrderStatusChangeResolvers = {
  serviceOrder: (event, _args, ctx) => ctx.loaders.serviceOrderById.load(event.serviceOrderId),
  changedBy: (event) => userRef(event.changedBy),
};
