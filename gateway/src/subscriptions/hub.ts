import stableStringify from 'fast-json-stable-stringify';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { ErrorCode, EventQueue, type Identity, type Logger } from '@sixfold/kit';
import type { EventExecutor } from './execution.js';
import { identityKey } from './identity.js';
import type { PreparedSubscription } from './planning.js';
import type { UpstreamListener, UpstreamPool } from './upstream.js';

export interface SubscriptionHubOptions {
  upstreams: UpstreamPool;
  executeEvent: EventExecutor;
  /** Each subgraph's GraphQL endpoint. */
  subgraphUrls: Record<string, string>;
  logger: Logger;
  /** Events buffered per client before the oldest are dropped. */
  queueCapacity?: number;
}

/**
 * Connects clients' subscriptions to upstream events.
 *
 * Clients subscribing to the same document with the same variables and identity form one feed:
 * each upstream event is executed once for the feed (entity fetches included) and the result
 * goes to every client in it. Feeds whose primary fetch is the same share one upstream
 * subscription (see UpstreamPool). Results reach a feed's clients in the order events arrived.
 */
export class SubscriptionHub {
  readonly #feeds = new Map<string, Feed>();
  #clients = 0;

  constructor(private readonly options: SubscriptionHubOptions) {}

  get stats() {
    return { clients: this.#clients, feeds: this.#feeds.size, upstream: this.options.upstreams.stats };
  }

  /** The client's events; calling `return()` on it unsubscribes at once. */
  subscribe(prepared: PreparedSubscription, identity: Identity): EventQueue<ExecutionResult> {
    const key = `${identityKey(identity)}\n${prepared.plan.key}\n${stableStringify(prepared.variables)}`;
    let feed = this.#feeds.get(key);
    if (!feed) {
      feed = this.#openFeed(key, prepared, identity);
      this.#feeds.set(key, feed);
    }
    const joined = feed;
    this.#clients++;
    const queue: EventQueue<ExecutionResult> = new EventQueue(() => {
      this.#clients--;
      joined.leave(queue);
    }, this.options.queueCapacity);
    joined.join(queue);
    return queue;
  }

  #openFeed(key: string, prepared: PreparedSubscription, identity: Identity): Feed {
    const { primary } = prepared.plan;
    const url = this.options.subgraphUrls[primary.serviceName];
    if (!url) throw new Error(`No URL for subgraph "${primary.serviceName}"`);
    const variables = Object.fromEntries((primary.variableUsages ?? []).filter((name) => prepared.variables[name] !== undefined).map((name) => [name, prepared.variables[name]]));
    const feed: Feed = new Feed({
      listen: (listener) => this.options.upstreams.listen({ subgraph: primary.serviceName, url, query: primary.operation, variables }, identity, listener),
      execute: (event) => this.options.executeEvent(prepared, event, identity),
      logger: this.options.logger,
      onEmpty: () => {
        if (this.#feeds.get(key) === feed) this.#feeds.delete(key);
      },
    });
    return feed;
  }
}

interface FeedOptions {
  /** Starts listening to the feed's upstream; returns how to stop. */
  listen(listener: UpstreamListener): () => void;
  execute(event: FormattedExecutionResult): Promise<ExecutionResult>;
  logger: Logger;
  /** The feed has no clients left, or no upstream: new clients need a new feed. */
  onEmpty(): void;
}

/** The clients of one document, variables and identity, fed by one upstream subscription. */
class Feed implements UpstreamListener {
  readonly #queues = new Set<EventQueue<ExecutionResult>>();
  /** Deliveries are chained so that results keep the order of their events. */
  #delivered: Promise<void> = Promise.resolve();
  readonly #stopListening: () => void;

  constructor(private readonly options: FeedOptions) {
    this.#stopListening = options.listen(this);
  }

  join(queue: EventQueue<ExecutionResult>): void {
    this.#queues.add(queue);
  }

  leave(queue: EventQueue<ExecutionResult>): void {
    if (!this.#queues.delete(queue) || this.#queues.size > 0) return;
    this.options.onEmpty();
    this.#stopListening();
  }

  next(event: FormattedExecutionResult): void {
    // Executions run concurrently; only their delivery waits for the previous one.
    const result = this.options.execute(event).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'could not execute a subscription event');
      return { errors: [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })] };
    });
    this.#delivered = this.#delivered.then(async () => this.#broadcast(await result));
  }

  end(errors?: readonly GraphQLError[]): void {
    this.options.onEmpty();
    this.#delivered = this.#delivered.then(() => {
      if (errors) this.#broadcast({ errors });
      for (const queue of this.#queues) queue.end();
      this.#queues.clear();
    });
  }

  #broadcast(result: ExecutionResult): void {
    for (const queue of this.#queues) queue.push(result);
  }
}
