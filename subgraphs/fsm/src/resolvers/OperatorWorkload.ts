import type { OperatorWorkloadResolvers } from '../generated/graphql.js';

export const OperatorWorkload: OperatorWorkloadResolvers = {
  operator: (workload) => ({ id: workload.operatorId }),
};
