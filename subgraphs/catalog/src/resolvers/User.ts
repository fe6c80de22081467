import { defaultPreferences } from '../editing/preferences.js';
import type { UserResolvers } from '../generated/graphql.js';

/** Users are tenancy's; the catalog knows them by id only. */
export interface UserReference {
  id: string;
}

export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  /** Row-level security hides other users' rows; the caller's own unsaved preferences are the defaults. */
  async catalogPreferences(user, _args, ctx) {
    const saved = await ctx.loaders.preferencesByUser.load(user.id);
    return saved ?? (user.id === ctx.identity.userId ? defaultPreferences(user.id) : null);
  },
};
