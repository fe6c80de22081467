import type { RiskAssessmentResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';
import { asRiskFactors } from '../shapes.js';

export const RiskAssessment: RiskAssessmentResolvers = {
  serviceOrder: (assessment, _args, ctx) => required(ctx.loaders.serviceOrderById.load(assessment.serviceOrderId), `service order of assessment ${assessment.id}`),
  riskFactors: (assessment) => asRiskFactors(assessment.riskFactors),
};
