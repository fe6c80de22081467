import { childConnection } from '@sixfold/kit';
import type { UserResolvers } from '../generated/graphql.js';
import { usageFor } from '../usage.js';

/** Tenancy owns User; media adds the user's files, usage and searches. */
export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ id }),

  mediaFiles: (user, { filter, ...page }, ctx) => childConnection(ctx.loaders.userMediaFiles(filter ?? null), user.id, page),

  usage: (user, _args, ctx) => usageFor(ctx, user.id),

  mediaSearchHistory: (user, args, ctx) => childConnection(ctx.loaders.searchHistoryByUser, user.id, args),
};
