import { isAgentAdmin } from '../access.js';
import type { HealthStatus, LlmProviderResolvers } from '../generated/graphql.js';
import { toGraphEnum, toInt } from '../values.js';

export const LlmProvider: LlmProviderResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.providerById.load(ref.id),
  defaultModel: (provider) => provider.model,
  // Settings may hold credentials (headers, tokens): only those who administer the agent see them.
  config: (provider, _args, ctx) => (isAgentAdmin(ctx.identity) ? provider.config : null),
  healthStatus: (provider) => toGraphEnum<HealthStatus>(provider.healthStatus),
  responseTimeMs: (provider) => toInt(provider.responseTime),
  catalogProvider: (provider) => (provider.catalogProviderId ? { id: provider.catalogProviderId } : null),
  performance: (provider, _args, ctx) => ctx.loaders.providerPerformanceByName.load(provider.name),
};
