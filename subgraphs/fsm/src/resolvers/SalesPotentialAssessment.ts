import type { SalesPotentialAssessmentResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const SalesPotentialAssessment: SalesPotentialAssessmentResolvers = {
  serviceOrder: (assessment, _args, ctx) => required(ctx.loaders.serviceOrderById.load(assessment.serviceOrderId), `service order of assessment ${assessment.id}`),
};
