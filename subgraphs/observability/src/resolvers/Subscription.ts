import { withFilter } from '@sixfold/kit';
import type { ObservabilityContext } from '../context.js';
import type { SubscriptionIncidentChangedArgs, SubscriptionModelStatusChangedArgs, SubscriptionResolvers } from '../generated/graphql.js';
import { fromIncidentEvent, type IncidentEvent } from '../incidents/events.js';
import type { ModelStatusEvent } from '../probes/report.js';
import { Topic } from '../topics.js';

/** The events of `topic` that `keep` accepts for the subscriber's arguments. */
function eventsOf<T, A>(topic: string, keep: (event: T, args: A) => boolean) {
  return withFilter<T, A, ObservabilityContext>(
    (_root, _args, ctx) => ctx!.bus.subscribe<T>(topic),
    (event, args) => event !== undefined && keep(event, args!),
  ) as (root: unknown, args: A, ctx: ObservabilityContext) => Promise<AsyncIterableIterator<T>>;
}

/** An omitted or empty filter lets everything through. */
const matches = <T>(allowed: readonly T[] | null | undefined, value: T) => !allowed?.length || allowed.includes(value);

// The kit gives every event a fresh context (and loaders): nothing is served from an earlier event's cache.
export const Subscription: SubscriptionResolvers = {
  incidentChanged: {
    subscribe: eventsOf<IncidentEvent, SubscriptionIncidentChangedArgs>(Topic.incidentChanged, (event, { severities }) => matches(severities, event.severity)),
    resolve: (event: IncidentEvent) => fromIncidentEvent(event),
  },
  modelStatusChanged: {
    subscribe: eventsOf<ModelStatusEvent, SubscriptionModelStatusChangedArgs>(
      Topic.modelStatusChanged,
      (event, { modelIds, regions }) => matches(modelIds?.map((id) => id.toLowerCase()), event.modelId) && matches(regions, event.region),
    ),
    resolve: (event: ModelStatusEvent) => event,
  },
};
