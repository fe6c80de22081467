import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A Redis client for caches and counters that survives Redis going away: commands fail fast
 * (callers fall back or report) instead of queueing forever, and the client reconnects by itself.
 */
export function createRedis(url: string, logger: Logger, role = 'cache'): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  client.on('error', (error) => {
    if (!down) logger.warn({ err: error.message, role }, 'redis unavailable; retrying');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ role }, 'redis reconnected');
    down = false;
  });
  return client;
}

/**
 * Resolves once the client is connected, or after `timeoutMs` (then callers fall back, as they
 * would if Redis went away later). With the offline queue off, a command sent before `ready`
 * fails at once; code that must count from its first request waits here first.
 */
export function redisReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

export type { Redis };
