import { createBenchmarkScore, updateBenchmarkScore } from '../editing/benchmarks.js';
import { createModel, updateModel } from '../editing/models.js';
import { updateMyPreferences } from '../editing/preferences.js';
import { createPrice, updatePrice } from '../editing/pricing.js';
import { createProvider, updateProvider } from '../editing/providers.js';
import type { MutationResolvers } from '../generated/graphql.js';

export const Mutation: MutationResolvers = {
  createProvider: (_root, { input }, ctx) => createProvider(ctx, input),
  updateProvider: (_root, { id, input }, ctx) => updateProvider(ctx, id, input),
  createModel: (_root, { input }, ctx) => createModel(ctx, input),
  updateModel: (_root, { id, input }, ctx) => updateModel(ctx, id, input),
  createPrice: (_root, { input }, ctx) => createPrice(ctx, input),
  updatePrice: (_root, { id, input }, ctx) => updatePrice(ctx, id, input),
  createBenchmarkScore: (_root, { input }, ctx) => createBenchmarkScore(ctx, input),
  updateBenchmarkScore: (_root, { id, input }, ctx) => updateBenchmarkScore(ctx, id, input),
  updateMyPreferences: (_root, { input }, ctx) => updateMyPreferences(ctx, input),
};
