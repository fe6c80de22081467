import { Redis } from 'ioredis';
import { EventQueue } from './event-queue.js';
import type { EventBus } from './events.js';
import type { Logger } from './logger.js';

/**
 * The event bus over Redis pub/sub, built on ioredis directly so that Redis going away is
 * survivable: no command's failure is left unhandled (graphql-redis-subscriptions drops the
 * promise of its UNSUBSCRIBE, whose rejection during an outage ends a Node process), publishing
 * fails fast and is logged, and subscribing waits for Redis instead of failing.
 *
 * One subscriber connection per bus, one Redis channel subscription per topic however many
 * iterators listen to it. ioredis resubscribes its channels after a reconnect, so live
 * subscriptions resume when Redis returns; events published while it was away are lost
 * (pub/sub keeps nothing).
 */
export function createRedisBus({ redisUrl, prefix, logger }: { redisUrl: string; prefix: string; logger: Logger }): EventBus {
  const connect = (role: 'publisher' | 'subscriber') => {
    const client = new Redis(redisUrl, {
      // A publisher must not stall a request while Redis is away; a subscriber's commands wait
      // for it (queued until the reconnection) so that a subscription made meanwhile still starts.
      maxRetriesPerRequest: role === 'publisher' ? 1 : null,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    let down = false;
    client.on('error', (error) => {
      if (!down) logger.warn({ err: error.message, role }, 'redis event bus connection lost; retrying');
      down = true;
    });
    client.on('ready', () => {
      if (down) logger.info({ role }, 'redis event bus reconnected');
      down = false;
    });
    return client;
  };
  const publisher = connect('publisher');
  const subscriber = connect('subscriber');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const commandFailed = (command: string, channel: string) => (error: Error) => logger.warn({ err: error.message, channel }, `redis ${command} failed`);

  subscriber.on('message', (channel: string, message: string) => {
    const channelListeners = listeners.get(channel);
    if (!channelListeners) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      logger.warn({ channel }, 'ignored an event that is not JSON');
      return;
    }
    for (const listener of channelListeners) listener(payload);
  });

  const listen = (channel: string, listener: (payload: unknown) => void) => {
    let channelListeners = listeners.get(channel);
    if (!channelListeners) {
      listeners.set(channel, (channelListeners = new Set()));
      subscriber.subscribe(channel).catch(commandFailed('SUBSCRIBE', channel));
    }
    channelListeners.add(listener);
  };
  const unlisten = (channel: string, listener: (payload: unknown) => void) => {
    const channelListeners = listeners.get(channel);
    if (!channelListeners?.delete(listener) || channelListeners.size > 0) return;
    listeners.delete(channel);
    subscriber.unsubscribe(channel).catch(commandFailed('UNSUBSCRIBE', channel));
  };

  return {
    kind: 'redis',
    async publish(topic, payload) {
      try {
        await publisher.publish(prefix + topic, JSON.stringify(payload));
      } catch (error) {
        logger.error({ err: (error as Error).message, topic }, 'could not publish event');
      }
    },
    subscribe<T>(topic: string | readonly string[]) {
      const channels = (typeof topic === 'string' ? [topic] : [...topic]).map((t) => prefix + t);
      const push = (payload: unknown) => queue.push(payload as T);
      const queue = new EventQueue<T>(() => {
        for (const channel of channels) unlisten(channel, push);
      });
      for (const channel of channels) listen(channel, push);
      return queue;
    },
    async close() {
      listeners.clear();
      // Nothing a subscriber connection has queued is worth waiting for; the publisher's quit
      // sends what it has, or gives up at once while Redis is away.
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
