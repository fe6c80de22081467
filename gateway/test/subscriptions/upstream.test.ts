/**
 * The upstream pool against a scripted subgraph: a WebSocket server speaking just enough of the
 * graphql-ws protocol to record what the gateway sends and to misbehave on demand.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { ANONYMOUS, createLogger, IDENTITY_HEADER, verifyIdentity, type Identity } from '@sixfold/kit';
import { IdentitySigner } from '../../src/subscriptions/identity.js';
import { UpstreamPool, type UpstreamListener, type UpstreamSettings } from '../../src/subscriptions/upstream.js';

const SECRET = 'upstream-test-secret-of-enough-length';
const ALICE: Identity = { kind: 'user', userId: 'alice', organizationIds: [], roles: [], scopes: [] };
const FAST: UpstreamSettings = { retry: { initialDelayMs: 20, maxDelayMs: 100 }, keepAliveMs: 60_000 };

interface Received {
  connection: number;
  type: string;
  id?: string;
  payload?: Record<string, any>;
}

/** A subgraph that acknowledges every connection and records every message. */
async function scriptedSubgraph(behaviour: { answerPings?: boolean; refuseSubscriptions?: boolean } = {}) {
  const server = new WebSocketServer({ port: 0, handleProtocols: () => 'graphql-transport-ws' });
  await new Promise((resolve) => server.once('listening', resolve));
  const received: Received[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    const connection = sockets.push(socket);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Omit<Received, 'connection'>;
      received.push({ connection, ...message });
      const send = (reply: object) => socket.send(JSON.stringify(reply));
      if (message.type === 'connection_init') send({ type: 'connection_ack' });
      if (message.type === 'ping' && behaviour.answerPings !== false) send({ type: 'pong' });
      if (message.type === 'subscribe' && behaviour.refuseSubscriptions) send({ type: 'error', id: message.id, payload: [{ message: 'Not for you', extensions: { code: 'FORBIDDEN' } }] });
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    received,
    of: (type: string) => received.filter((m) => m.type === type),
    emit: (payload: object) => {
      for (const m of received.filter((r) => r.type === 'subscribe')) sockets[m.connection - 1]!.send(JSON.stringify({ type: 'next', id: m.id, payload }));
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const eventually = async (check: () => void, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
};

const recorder = () => {
  const events: unknown[] = [];
  const ends: Array<readonly GraphQLError[] | undefined> = [];
  const listener: UpstreamListener = { next: (event) => events.push(event), end: (errors) => ends.push(errors) };
  return { listener, events, ends };
};

let cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(behaviour?: Parameters<typeof scriptedSubgraph>[0], settings: UpstreamSettings = FAST) {
  const subgraph = await scriptedSubgraph(behaviour);
  const pool = new UpstreamPool(new IdentitySigner(SECRET), createLogger('silent'), settings);
  cleanups.push(subgraph.close, () => pool.close());
  const operation = { subgraph: 'scripted', url: subgraph.url, query: 'subscription { ticked { price } }', variables: {} };
  return { subgraph, pool, operation };
}

describe('the upstream pool', () => {
  it('opens one subscription for listeners of the same operation and identity, on a connection carrying that identity', async () => {
    const { subgraph, pool, operation } = await setup();
    const [first, second, alice] = [recorder(), recorder(), recorder()];
    pool.listen(operation, ANONYMOUS, first.listener);
    pool.listen(operation, ANONYMOUS, second.listener);
    pool.listen(operation, ALICE, alice.listener);
    await eventually(() => expect(subgraph.of('subscribe')).toHaveLength(2));
    expect(pool.stats).toEqual({ connections: 2, subscriptions: 2 });
    const identities = await Promise.all(subgraph.of('connection_init').map((m) => verifyIdentity(m.payload?.[IDENTITY_HEADER], SECRET)));
    expect(identities.map((i) => i.kind).sort()).toEqual(['anonymous', 'user']);

    subgraph.emit({ data: { ticked: { price: 1 } } });
    await eventually(() => expect([first.events, second.events, alice.events].map((e) => e.length)).toEqual([1, 1, 1]));
  });

  it('completes the subscription at the subgraph as soon as its last listener leaves', async () => {
    const { subgraph, pool, operation } = await setup();
    const stopFirst = pool.listen(operation, ANONYMOUS, recorder().listener);
    const stopSecond = pool.listen(operation, ANONYMOUS, recorder().listener);
    await eventually(() => expect(subgraph.of('subscribe')).toHaveLength(1));
    stopFirst();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subgraph.of('complete')).toHaveLength(0);
    stopSecond();
    await eventually(() => expect(subgraph.of('complete')).toEqual([expect.objectContaining({ id: subgraph.of('subscribe')[0]!.id })]));
    expect(pool.stats).toEqual({ connections: 0, subscriptions: 0 });
  });

  it('passes a subgraph’s refusal on to every listener, with its code, and forgets the subscription', async () => {
    const { pool, operation } = await setup({ refuseSubscriptions: true });
    const [first, second] = [recorder(), recorder()];
    pool.listen(operation, ANONYMOUS, first.listener);
    pool.listen(operation, ANONYMOUS, second.listener);
    await eventually(() => expect(first.ends).toHaveLength(1));
    expect(first.ends[0]![0]).toMatchObject({ message: 'Not for you', extensions: { code: 'FORBIDDEN' } });
    expect(second.ends).toHaveLength(1);
    expect(pool.stats).toEqual({ connections: 0, subscriptions: 0 });
  });

  it('gives up on a subgraph that stops answering pings, and resubscribes on a new connection', async () => {
    const { subgraph, pool, operation } = await setup({ answerPings: false }, { ...FAST, keepAliveMs: 100 });
    const listener = recorder();
    pool.listen(operation, ANONYMOUS, listener.listener);
    await eventually(() => expect(new Set(subgraph.of('subscribe').map((m) => m.connection)).size).toBeGreaterThanOrEqual(2));
    expect(listener.ends).toEqual([]);
  });
});
