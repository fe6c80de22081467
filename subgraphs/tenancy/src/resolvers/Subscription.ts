import { withFilter } from '@sixfold/kit';
import { requirePerson } from '../access.js';
import type { TenancyContext } from '../context.js';
import { NOTIFICATION_CREATED_TOPIC } from '../events.js';
import type { SubscriptionResolvers } from '../generated/graphql.js';
import type { Notification } from '../generated/prisma/client.js';

export const Subscription: SubscriptionResolvers = {
  notificationCreated: {
    subscribe: withFilter(
      (_root: unknown, _args: unknown, ctx: TenancyContext | undefined) => {
        requirePerson(ctx!.identity);
        return ctx!.bus.subscribe<Notification>(NOTIFICATION_CREATED_TOPIC);
      },
      // Only the subscriber's own notifications, whoever else is listening on this replica.
      (notification: unknown, _args: unknown, ctx: TenancyContext | undefined) => (notification as Notification).userId === ctx?.identity.userId,
    ) as never,
    resolve: (notification: Notification) => notification,
  },
};
