import { parseInput, requireSignedIn, withFilter } from '@sixfold/kit';
import { maySeeOrganization } from '../access.js';
import type { FsmContext } from '../context.js';
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
     * The kit gives every event a fresh context: the order's relations are read as they are now,
     * not as an earlier event found them.
     */
    resolve: (event: ServiceOrderStatusChanged) => event,
  },
};
