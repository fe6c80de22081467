import { parseInput, requireSignedIn, withFilter } from '@sixfold/kit';
import { maySeeOrganization } from '../access.js';
import type { FsmContext } from '../context.js';
import { createLoaders } from '../loaders.js';
import { SERVICE_ORDER_STATUS_CHANGED, type ServiceOrderStatusChanged } from '../events.js';
import type { SubscriptionResolvers, SubscriptionServiceOrderStatusChangedArgs } from '../generated/graphql.js';
import { filters } from '../validation.js';

const wanted = (event: ServiceOrderStatusChanged, args: SubscriptionServiceOrderStatusChangedArgs, ctx: FsmContext) =>
  // The event never passed through row-level security: apply its rule here.
  maySeeOrganization(ctx.identity, event.organizationId) &&
  (!args.countryCode || event.countryCode === args.countryCode) &&
  (!args.businessUnitId || event.businessUnitId === args.businessUnitId);

export const Subscription: SubscriptionResolvers = {
  serviceOrderStatusChanged: {
    subscribe(_root, args, ctx, info) {
      requireSignedIn(ctx.identity, 'Service order events are private: sign in');
      parseInput(filters.subscription, args, 'serviceOrderStatusChanged');
      const events = withFilter(
        () => ctx.bus.subscribe<ServiceOrderStatusChanged>(SERVICE_ORDER_STATUS_CHANGED),
        (event: ServiceOrderStatusChanged | undefined) => event !== undefined && wanted(event, args, ctx),
      );
      return events(undefined, args, ctx, info) as never;
    },
    /**
     * A subscription keeps one context for all its events: fresh loaders for each, or the order
     * and its relations would be served as an earlier event found them.
     */
    resolve(event: ServiceOrderStatusChanged, _args: unknown, ctx: FsmContext) {
      ctx.loaders = createLoaders(ctx.db);
      return event;
    },
  },
};
