import { PubSub } from 'graphql-subscriptions';
import { createRedisBus } from './events-redis.js';
import type { Logger } from './logger.js';

export { withFilter } from 'graphql-subscriptions';

/**
 * Live events between replicas. With Redis, an event published by any replica reaches the
 * subscribers of every replica; without it, an in-process bus serves one process (the
 * one-command local run, where every subgraph lives in the same process).
 *
 * Iterators returned by `subscribe` end at once when `return()` is called (a client that
 * unsubscribes frees its upstream immediately, without waiting for another event).
 */
export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish<T>(topic: string, payload: T): Promise<void>;
  subscribe<T>(topic: string | readonly string[]): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

export interface EventBusOptions {
  redisUrl?: string | undefined;
  /** Channel prefix; deployments and test runs sharing one Redis stay apart. */
  prefix: string;
  logger: Logger;
}

export function createEventBus(options: EventBusOptions): EventBus {
  return options.redisUrl ? createRedisBus({ ...options, redisUrl: options.redisUrl }) : createInProcessBus(options.prefix);
}

function createInProcessBus(prefix: string): EventBus {
  const pubsub = new PubSub();
  return {
    kind: 'in-process',
    // A JSON round trip, as through Redis: subscribers get the same shapes (dates as strings) either way.
    publish: (topic, payload) => pubsub.publish(prefix + topic, JSON.parse(JSON.stringify(payload)) as never),
    subscribe: <T>(topic: string | readonly string[]) => pubsub.asyncIterableIterator<T>(prefixed(prefix, topic)),
    close: async () => {},
  };
}

const prefixed = (prefix: string, topic: string | readonly string[]) =>
  (typeof topic === 'string' ? [topic] : [...topic]).map((t) => prefix + t);
