import { badInput, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requirePreferencesWriter } from '../access.js';
import type { CatalogContext } from '../context.js';
import type { UpdatePreferencesInput } from '../generated/graphql.js';
import type { UserPreferences } from '../generated/prisma/client.js';
import { currency, jsonObject, locale, region, uuid } from './validation.js';

const schema = z.object({
  preferredLocale: locale.optional(),
  preferredRegion: region.nullish(),
  preferredCurrency: currency.optional(),
  favoriteModelIds: z
    .array(uuid)
    .max(50, 'must list at most 50 models')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a model')
    .optional(),
  displayPreferences: jsonObject.optional(),
});

/** What a signed-in user who never saved preferences gets. */
export function defaultPreferences(userId: string): UserPreferences {
  return {
    id: '',
    userId,
    preferredLocale: 'en-US',
    preferredRegion: null,
    preferredCurrency: 'USD',
    favoriteModels: [],
    displayPreferences: {},
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

/** Saves the caller's own preferences; row-level security would refuse anyone else's. */
export async function updateMyPreferences(ctx: CatalogContext, input: UpdatePreferencesInput): Promise<UserPreferences> {
  const userId = requirePreferencesWriter(ctx.identity);
  const { favoriteModelIds, displayPreferences, ...data } = parseInput(schema, input, 'input', { indexes: 'brackets' });
  if (favoriteModelIds) {
    const models = await ctx.loaders.modelById.loadMany(favoriteModelIds);
    const missing = models.findIndex((m) => !m || m instanceof Error);
    if (missing >= 0) throw badInput(`input.favoriteModelIds[${missing}]`, 'no model with this id');
  }
  const changes = {
    ...data,
    ...(favoriteModelIds ? { favoriteModels: favoriteModelIds } : {}),
    ...(displayPreferences ? { displayPreferences } : {}),
  };
  const saved = await ctx.db.run((tx) => tx.userPreferences.upsert({ where: { userId }, create: { userId, ...changes }, update: changes }));
  ctx.loaders.preferencesByUser.clear(userId).prime(userId, saved);
  return saved;
}
