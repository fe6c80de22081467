import type { ServiceOrderResolvers } from '../generated/graphql.js';
import { allowedTransitions } from '../lifecycle.js';
import { childConnection } from '@sixfold/kit';
import { firstChild, required } from '../queries/connection.js';
import { asPostalAddress, asRiskFactors, userRef } from '../shapes.js';

/** Integer cents as an exact decimal string: 123456 → "1234.56". */
const centsToDecimal = (cents: number | null) => {
  if (cents === null) return null;
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

export const ServiceOrder: ServiceOrderResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.serviceOrderById.load(ref.id),
  country: (order, _args, ctx) => required(ctx.loaders.countryByCode.load(order.countryCode), `country of service order ${order.id}`),
  businessUnit: (order, _args, ctx) => required(ctx.loaders.businessUnitById.load(order.businessUnitId), `business unit of service order ${order.id}`),
  store: (order, _args, ctx) => required(ctx.loaders.storeById.load(order.storeId), `store of service order ${order.id}`),
  salesSystem: (order, _args, ctx) => required(ctx.loaders.salesSystemById.load(order.salesSystemId), `sales system of service order ${order.id}`),
  project: (order, _args, ctx) => (order.projectId ? ctx.loaders.projectById.load(order.projectId) : null),
  serviceAddress: (order) => asPostalAddress(order.serviceAddress),
  allowedTransitions: (order) => [...allowedTransitions(order.status)],
  orderValue: (order) => centsToDecimal(order.orderValueCents),
  serviceFee: (order) => centsToDecimal(order.serviceFeeCents),
  currency: async (order, _args, ctx) =>
    (await required(ctx.loaders.countryByCode.load(order.countryCode), `country of service order ${order.id}`)).currency,
  externalReferences: (order, _args, ctx) => ctx.loaders.externalReferencesByEntity.load(`SERVICE_ORDER:${order.id}`),
  salesPreEstimation: (order, _args, ctx) => (order.salesPreEstimationId ? ctx.loaders.preEstimationById.load(order.salesPreEstimationId) : null),
  latestSalesPotentialAssessment: (order, _args, ctx) => firstChild(ctx.loaders.potentialAssessmentsByOrder, order.id),
  salesPotentialAssessments: (order, args, ctx) => childConnection(ctx.loaders.potentialAssessmentsByOrder, order.id, args),
  riskFactors: (order) => asRiskFactors(order.riskFactors),
  riskAcknowledgedBy: (order) => userRef(order.riskAcknowledgedBy),
  latestRiskAssessment: (order, _args, ctx) => firstChild(ctx.loaders.riskAssessmentsByOrder, order.id),
  riskAssessments: (order, args, ctx) => childConnection(ctx.loaders.riskAssessmentsByOrder, order.id, args),
  integrationEvents: (order, args, ctx) => childConnection(ctx.loaders.integrationEventsByOrder, order.id, args),
};
