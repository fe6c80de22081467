import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createEventBus, createLogger, type EventBus } from '../src/index.js';
import { startRedisServer, type TestRedisServer } from '../src/testing/index.js';

const logger = createLogger('silent');
const prefix = `${process.env.REDIS_PREFIX}events-test:`;
const eventually = async (check: () => Promise<void> | void, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
};
/** Publishes `payload` until the iterator yields it (Redis confirms a SUBSCRIBE asynchronously). */
const receive = async <T>(bus: EventBus, events: AsyncIterator<T>, topic: string, payload: T): Promise<T> => {
  let received = false;
  const reading = (async () => {
    for (;;) {
      const result = await events.next();
      if (result.done) throw new Error('the subscription ended');
      if (JSON.stringify(result.value) === JSON.stringify(payload)) {
        received = true;
        return result.value;
      }
    }
  })();
  await eventually(async () => {
    if (received) return;
    await bus.publish(topic, payload);
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (!received) throw new Error(`${topic} not received yet`);
  });
  return reading;
};

describe('the Redis event bus', () => {
  let replicaA: EventBus;
  let replicaB: EventBus;
  let redis: Redis;
  beforeAll(() => {
    replicaA = createEventBus({ redisUrl: process.env.REDIS_URL!, prefix, logger });
    replicaB = createEventBus({ redisUrl: process.env.REDIS_URL!, prefix, logger });
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all([replicaA.close(), replicaB.close()]);
    redis.disconnect();
  });

  it('carries an event published by one replica to the subscribers of another', async () => {
    const events = replicaB.subscribe<{ n: number }>('test.roundtrip');
    expect(await receive(replicaA, events, 'test.roundtrip', { n: 1 })).toEqual({ n: 1 });
    await events.return!();
  });

  it('ends a subscription at once on return(), and drops the channel when its last listener leaves', async () => {
    const first = replicaA.subscribe('test.leave');
    const second = replicaA.subscribe('test.leave');
    await receive(replicaA, first, 'test.leave', {});
    const channel = `${prefix}test.leave`;
    const listeners = async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];
    expect(await listeners()).toBe(1);
    const waiting = first.next();
    await first.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(await listeners()).toBe(1);
    await second.return!();
    await eventually(async () => expect(await listeners()).toBe(0));
  });
});

describe('the Redis event bus while Redis is away', () => {
  let server: TestRedisServer;
  let publisher: EventBus;
  let subscriber: EventBus;
  const unhandled: unknown[] = [];
  const track = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', track);
    server = await startRedisServer();
    publisher = createEventBus({ redisUrl: server.url, prefix, logger });
    subscriber = createEventBus({ redisUrl: server.url, prefix, logger });
  });
  afterAll(async () => {
    await Promise.all([publisher.close(), subscriber.close()]);
    server.stop();
    process.off('unhandledRejection', track);
  });

  it('keeps publishing and unsubscribing harmless, and resumes every subscription when it returns', async () => {
    const staying = subscriber.subscribe<{ n: number }>('test.outage');
    const leaving = subscriber.subscribe<{ n: number }>('test.outage');
    await receive(publisher, staying, 'test.outage', { n: 1 });

    server.stop();
    await publisher.publish('test.outage', { n: 2 }); // logged, not thrown
    await leaving.return!();
    const late = subscriber.subscribe<{ n: number }>('test.outage.late'); // subscribed while away
    const lateEvent = late.next();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // several failed reconnections

    await server.start();
    expect(await receive(publisher, staying, 'test.outage', { n: 3 })).toEqual({ n: 3 });
    await eventually(async () => {
      await publisher.publish('test.outage.late', { n: 4 });
      await Promise.race([lateEvent, new Promise((_, reject) => setTimeout(() => reject(new Error('not yet')), 50))]);
    });
    await expect(lateEvent).resolves.toEqual({ value: { n: 4 }, done: false });
    expect(unhandled).toEqual([]);
    await Promise.all([staying.return!(), late.return!()]);
  });
});
