import type { LlmResponseResolvers } from '../generated/graphql.js';
import { toInt } from '../values.js';

export const LlmResponse: LlmResponseResolvers = {
  async request(response, _args, ctx) {
    const request = await ctx.loaders.requestById.load(response.requestId);
    // A response is visible only through its request (row-level security), so this cannot happen.
    if (!request) throw new Error(`response ${response.id} without its request ${response.requestId}`);
    return request;
  },
  provider: (response, _args, ctx) => (response.providerId ? ctx.loaders.providerById.load(response.providerId) : null),
  responseTimeMs: (response) => toInt(response.responseTime),
};
