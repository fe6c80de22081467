import type { AnalyticsEventResolvers } from '../generated/graphql.js';
import { userRefOrNull } from '../references.js';

export const AnalyticsEvent: AnalyticsEventResolvers = {
  user: (event) => userRefOrNull(event.userId),
};
