import type { LlmRequestResolvers, LlmRequestStatus } from '../generated/graphql.js';
import { userRef } from '../references.js';
import { toGraphEnum } from '../values.js';

export const LlmRequest: LlmRequestResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.requestById.load(ref.id),
  user: (request) => userRef(request.userId),
  session: (request, _args, ctx) => (request.sessionId ? ctx.loaders.sessionById.load(request.sessionId) : null),
  status: (request) => toGraphEnum<LlmRequestStatus>(request.status),
  responses: (request, _args, ctx) => ctx.loaders.responsesByRequest.load(request.id),
  async selectedResponse(request, _args, ctx) {
    const responses = await ctx.loaders.responsesByRequest.load(request.id);
    return responses.find((r) => r.selected) ?? null;
  },
  stream: (request, _args, ctx) => ctx.loaders.streamSummaryById.load(request.id),
};
