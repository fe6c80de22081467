/**
 * Helpers for subscription tests: a graphql-ws client that records what a gateway sends it, and
 * stages of gateways in front of replicated subgraphs (the ticker fixture, or any subgraph).
 */
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createEventBus, createLogger, startSubgraph, type EventBus, type RunningSubgraph, type SubgraphContext, type SubgraphDefinition } from '@sixfold/kit';
import { composeSupergraph, startGateway, subgraphUrlsOf, type GatewayOptions, type RunningGateway } from '@sixfold/gateway';
import { catalog } from '@sixfold/catalog';
import { print } from 'graphql';
import { TICKED_TOPIC, tickerSubgraph, type TickEvent, type TickerSubgraph } from '../fixtures/ticker-subgraph/subgraph.js';
import { env } from './graph.js';

export type SubscriptionOutcome =
  | { kind: 'complete' }
  | { kind: 'error'; errors: GraphQLFormattedError[] }
  | { kind: 'closed'; code: number; reason: string };

export interface TestSubscription<T = Record<string, any>> {
  /** Every `next` payload received so far. */
  events: Array<FormattedExecutionResult<T>>;
  /** The first event (already received or still to come) that matches, or a timeout error. */
  waitFor(predicate?: (event: FormattedExecutionResult<T>) => boolean, timeoutMs?: number): Promise<FormattedExecutionResult<T>>;
  /** How the server ended the subscription: `complete`, an `error` message, or closing the socket. */
  ended: Promise<SubscriptionOutcome>;
  /** Sends `complete` for this subscription; the socket stays open. */
  unsubscribe(): void;
  /** Closes the socket without unsubscribing first. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Sent as the `authorization` connection parameter, e.g. `Bearer <token>`. */
  authorization?: string;
  /** Headers of the WebSocket upgrade request (clients other than browsers can send them). */
  headers?: Record<string, string>;
  variables?: Record<string, unknown>;
}

/** Subscribes through a gateway on its own WebSocket, as a browser would. */
export function subscribe<T = Record<string, any>>(gatewayUrl: string, query: string, options: SubscribeOptions = {}): TestSubscription<T> {
  const events: Array<FormattedExecutionResult<T>> = [];
  const waiters = new Set<() => void>();
  let settle!: (outcome: SubscriptionOutcome) => void;
  const ended = new Promise<SubscriptionOutcome>((resolve) => (settle = resolve));
  const client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: options.headers ? withHeaders(options.headers) : WebSocket,
    retryAttempts: 0,
    ...(options.authorization ? { connectionParams: { authorization: options.authorization } } : {}),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        if (code !== 1000) settle({ kind: 'closed', code, reason });
      },
    },
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables: options.variables ?? {} },
    {
      next: (event) => {
        events.push(event as FormattedExecutionResult<T>);
        for (const wake of [...waiters]) wake();
      },
      error: (error) => {
        if (Array.isArray(error)) settle({ kind: 'error', errors: error });
        else if (error && typeof error === 'object' && 'code' in error) settle({ kind: 'closed', code: (error as { code: number }).code, reason: String((error as { reason?: string }).reason ?? '') });
        else settle({ kind: 'error', errors: [{ message: String(error) }] });
      },
      complete: () => settle({ kind: 'complete' }),
    },
  );
  return {
    events,
    ended,
    waitFor(predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching event within ${timeoutMs} ms; received ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    unsubscribe,
    close: async () => {
      await client.dispose();
    },
  };
}

/** A WebSocket class that sends `headers` with its upgrade request. */
function withHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/** One HTTP GraphQL request (stages have no bootGraph().query). */
export async function httpQuery<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T | null; errors?: GraphQLFormattedError[] };
}

/** Retries `attempt` until it stops throwing, or throws its last error after `timeoutMs`. */
export async function eventually<T>(attempt: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** The gateway's subscription gauges from /metrics: clients, feeds, upstream subscriptions and connections. */
export async function subscriptionGauges(gatewayUrl: string): Promise<Record<'client' | 'feed' | 'upstream' | 'connection', number>> {
  const text = await (await fetch(gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  const gauge = (level: string) => Number(new RegExp(`^sixfold_gateway_subscriptions\\{level="${level}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return { client: gauge('client'), feed: gauge('feed'), upstream: gauge('upstream'), connection: gauge('connection') };
}

export interface Replica {
  /** 0, 1, …: gateway `i` reaches replica `i % replicas`. */
  index: number;
  bus: EventBus;
  running: RunningSubgraph;
  url: string;
  /** Stops the replica (its WebSocket connections close), keeping its bus. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

export interface Stage<R extends Replica = Replica> {
  /** The subgraphs started once, by name. */
  subgraphs: Record<string, RunningSubgraph>;
  replicas: R[];
  gateways: RunningGateway[];
  supergraphSdl: string;
  stop(): Promise<void>;
}

type AnySubgraph = SubgraphDefinition<never, SubgraphContext<never>>;

export interface StageOptions {
  /** Subgraphs started once each. */
  subgraphs: Array<AnySubgraph>;
  /** The replicated subgraph: its definition for replica `index`. */
  replica: (index: number) => AnySubgraph;
  replicas?: number;
  gateways?: number;
  /** Every replica gets its own Redis bus (as separate processes would); without it they share one in-process bus. */
  redisUrl?: string;
  /** Default: composed from the definitions started. Subgraphs of it not started answer as unavailable. */
  supergraphSdl?: string;
  gateway?: Partial<GatewayOptions>;
}

/**
 * Gateways in front of some subgraphs and several replicas of one more (the one whose
 * subscriptions are under test), on ports the OS picks, against the run's database.
 */
export async function startStage(options: StageOptions): Promise<Stage> {
  const { databaseUrl, identitySecret, redisPrefix } = env();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const sharedBus = createEventBus({ prefix: redisPrefix, logger });
  const buses = new Set<EventBus>([sharedBus]);
  const subgraphOptions = (port: number, bus: EventBus) => ({
    port,
    databaseUrl,
    identitySecret,
    bus,
    logger,
    poolMax: 2,
    connectTimeoutMs: 5_000,
    transactionTimeoutMs: 15_000,
  });
  const subgraphs: Record<string, RunningSubgraph> = {};
  const replicas: Replica[] = [];
  const gateways: RunningGateway[] = [];
  const stop = async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all([...replicas.map((r) => r.running), ...Object.values(subgraphs)].map((s) => s.stop()));
    await Promise.all([...buses].map((b) => b.close()));
  };
  try {
    for (const definition of options.subgraphs) subgraphs[definition.name] = await startSubgraph(definition, subgraphOptions(0, sharedBus));
    for (let index = 0; index < (options.replicas ?? 1); index++) {
      const definition = options.replica(index);
      const bus = options.redisUrl ? createEventBus({ redisUrl: options.redisUrl, prefix: redisPrefix, logger }) : sharedBus;
      buses.add(bus);
      const running = await startSubgraph(definition, subgraphOptions(0, bus));
      const replica: Replica = {
        index,
        bus,
        running,
        url: running.url,
        stop: () => replica.running.stop(),
        restart: async () => {
          replica.running = await startSubgraph(definition, subgraphOptions(running.port, bus));
        },
      };
      replicas.push(replica);
    }
    const replicated = options.replica(0);
    const supergraphSdl =
      options.supergraphSdl ??
      composeSupergraph([...options.subgraphs, replicated].map((d) => ({ name: d.name, url: subgraphs[d.name]?.url ?? replicas[0]!.url, sdl: print(d.typeDefs) })));
    // Subgraphs of the supergraph not started get a closed port, so that they fail as unavailable.
    const unstarted = Object.fromEntries(Object.keys(subgraphUrlsOf(supergraphSdl)).map((name) => [name, 'http://127.0.0.1:9/graphql']));
    const started = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url]));
    for (let i = 0; i < (options.gateways ?? 1); i++) {
      gateways.push(
        await startGateway({
          supergraphSdl,
          subgraphUrls: { ...unstarted, ...started, [replicated.name]: replicas[i % replicas.length]!.url },
          identitySecret,
          logger,
          port: 0,
          subscriptions: { upstream: { retry: { initialDelayMs: 50, maxDelayMs: 500 }, keepAliveMs: 10_000 } },
          ...options.gateway,
        }),
      );
    }
    return { subgraphs, replicas, gateways, supergraphSdl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface TickerReplica extends Replica {
  name: string;
  fixture: TickerSubgraph;
  /** Publishes a tick on this replica's bus, as its Mutation would. */
  publish(event: Partial<TickEvent> & { modelId: string; price: number }): Promise<void>;
}

/** Catalog and replicas of the ticker fixture subgraph behind gateways. */
export async function startTickerStage(options: Omit<StageOptions, 'subgraphs' | 'replica'> = {}): Promise<Stage<TickerReplica>> {
  const fixtures: TickerSubgraph[] = [];
  const fixture = (index: number) => (fixtures[index] ??= tickerSubgraph(`replica-${index + 1}`));
  const stage = await startStage({ ...options, subgraphs: [catalog as never], replica: (index) => fixture(index).definition });
  for (const replica of stage.replicas) {
    const name = `replica-${replica.index + 1}`;
    Object.assign(replica, {
      name,
      fixture: fixture(replica.index),
      publish: (event: Partial<TickEvent> & { modelId: string; price: number }) => replica.bus.publish(TICKED_TOPIC, { publishedBy: name, publishedAt: Date.now(), ...event }),
    });
  }
  return stage as Stage<TickerReplica>;
}
