import type { UserPreferencesResolvers } from '../generated/graphql.js';

export const UserPreferences: UserPreferencesResolvers = {
  async favoriteModels(preferences, _args, ctx) {
    // Favourites are ids in an array (no foreign key): a model deleted since is left out.
    const models = await ctx.loaders.modelById.loadMany(preferences.favoriteModels);
    return models.flatMap((m) => (m && !(m instanceof Error) ? [m] : []));
  },
  /** Defaults that were never saved have no time. */
  updatedAt: (preferences) => (preferences.id ? preferences.updatedAt : null),
};
