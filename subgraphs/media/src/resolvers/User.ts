import { childConnection, isUuid, pageRequest, toConnection } from '@sixfold/kit';
import type { UserResolvers } from '../generated/graphql.js';
import { usageFor } from '../usage.js';

/** Tenancy owns User; media adds the user's files, usage and searches. */
export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ id }),

  async mediaFiles(user, args, ctx) {
    const page = pageRequest(args);
    if (!isUuid(user.id)) return toConnection([], page, 0);
    const { rows, totalCount } = await ctx.loaders.userMediaFiles({ filter: args.filter ?? null, page }).load(user.id.toLowerCase());
    return toConnection(rows, page, totalCount);
  },

  usage: (user, _args, ctx) => usageFor(ctx, user.id),

  mediaSearchHistory: (user, args, ctx) => childConnection(ctx.loaders.searchHistoryByUser, user.id, args),
};
