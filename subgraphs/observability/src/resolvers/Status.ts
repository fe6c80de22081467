import type { ModelRankingResolvers, ModelStatusResolvers, TrendingModelResolvers } from '../generated/graphql.js';

export const ModelStatus: ModelStatusResolvers = {
  model: (status) => ({ id: status.modelId }),
};

export const ModelRanking: ModelRankingResolvers = {
  model: (ranked) => ({ id: ranked.modelId }),
};

export const TrendingModel: TrendingModelResolvers = {
  model: (entry) => ({ id: entry.modelId }),
};
