import { withFilter } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import { MODEL_CHANGED, type ModelChangedEvent } from '../events.js';
import type { SubscriptionModelChangedArgs, SubscriptionResolvers } from '../generated/graphql.js';

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
     * The model as it is now: the kit gives every event a fresh context, so its loaders have not
     * cached the model or its relations as an earlier event found them.
     */
    async resolve(event: ModelChangedEvent, _args: unknown, ctx: CatalogContext) {
      const model = await ctx.loaders.modelById.load(event.id);
      if (!model) throw new Error(`model ${event.id} vanished after it changed`);
      return model;
    },
  },
};
