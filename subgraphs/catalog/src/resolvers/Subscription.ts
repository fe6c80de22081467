import { withFilter } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import { MODEL_CHANGED, type ModelChangedEvent } from '../events.js';
import type { SubscriptionModelChangedArgs, SubscriptionResolvers } from '../generated/graphql.js';
import { createLoaders } from '../loaders.js';

type Filter = Partial<SubscriptionModelChangedArgs>;

const wanted = (event: ModelChangedEvent, { providerIds, slugs }: Filter) =>
  (!providerIds || providerIds.includes(event.providerId)) && (!slugs || slugs.includes(event.slug));

export const Subscription: SubscriptionResolvers = {
  modelChanged: {
    subscribe: (_root, args, ctx, info) =>
      withFilter(
        () => ctx.bus.subscribe<ModelChangedEvent>(MODEL_CHANGED),
        (event?: ModelChangedEvent, filter?: Filter) => !!event && wanted(event, filter ?? {}),
      )(undefined, args, ctx, info),
    /**
     * The model as it is now. A subscription keeps one context for all its events: fresh loaders
     * for each, or the model and its relations would be served as an earlier event found them.
     */
    async resolve(event: ModelChangedEvent, _args: unknown, ctx: CatalogContext) {
      ctx.loaders = createLoaders(ctx.db);
      const model = await ctx.loaders.modelById.load(event.id);
      if (!model) throw new Error(`model ${event.id} vanished after it changed`);
      return model;
    },
  },
};
