import { badInput, childConnection, isUuid, uuidArg } from '@sixfold/kit';
import type { UserResolvers } from '../generated/graphql.js';

/** Tenancy owns users; the agent adds their requests, conversations, debates, memories and usage. */
export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  llmRequests: (user, { filter, ...page }, ctx) => childConnection(ctx.loaders.requestsByUser(filter), user.id, page),
  conversationSessions: (user, { status, ...page }, ctx) => childConnection(ctx.loaders.sessionsByUser(status), user.id, page),
  debateSessions: (user, { status, ...page }, ctx) => childConnection(ctx.loaders.debatesByUser(status), user.id, page),
  memories(user, { filter, ...page }, ctx) {
    if (filter?.sessionId) uuidArg('filter.sessionId', filter.sessionId);
    return childConnection(ctx.loaders.memoriesByUser(filter), user.id, page);
  },
  async llmUsage(user, { last }, ctx) {
    if (!Number.isInteger(last) || last! < 1 || last! > 366) throw badInput('last', 'must be between 1 and 366');
    return isUuid(user.id) ? ctx.loaders.usageByUser(last!).load(user.id) : [];
  },
};
