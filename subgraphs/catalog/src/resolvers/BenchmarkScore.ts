import type { BenchmarkScoreResolvers } from '../generated/graphql.js';
import { modelOf, suiteOf } from './references.js';

export const BenchmarkScore: BenchmarkScoreResolvers = {
  model: (score, _args, ctx) => modelOf(ctx, score.modelId),
  suite: (score, _args, ctx) => suiteOf(ctx, score.suiteId),
};
