import stableStringify from 'fast-json-stable-stringify';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CloseCode, createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ErrorCode, IDENTITY_HEADER, type Identity, type Logger } from '@sixfold/kit';
import { identityKey, type IdentitySigner } from './identity.js';

/** A subscription operation on one subgraph (a plan's primary fetch). */
export interface UpstreamOperation {
  subgraph: string;
  /** The subgraph's GraphQL endpoint (http or ws); subscriptions use its WebSocket side. */
  url: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface UpstreamListener {
  next(event: FormattedExecutionResult): void;
  /** The upstream ended for good (refused, failed or completed by the subgraph); `errors` say why. */
  end(errors?: readonly GraphQLError[]): void;
}

export interface UpstreamSettings {
  retry: {
    /** First wait before reconnecting to a subgraph; it doubles per attempt up to `maxDelayMs`. */
    initialDelayMs: number;
    maxDelayMs: number;
  };
  /** How often an idle connection is pinged; a subgraph that has not answered within half of it is given up and reconnected. */
  keepAliveMs: number;
}

export const DEFAULT_UPSTREAM_SETTINGS: UpstreamSettings = { retry: { initialDelayMs: 250, maxDelayMs: 10_000 }, keepAliveMs: 10_000 };

interface Connection {
  client: Client;
  users: number;
}

interface SharedUpstream {
  listeners: Set<UpstreamListener>;
  dispose(): void;
}

/**
 * The gateway's subscriptions to subgraphs, over graphql-ws.
 *
 * One connection per subgraph and identity (the subgraph authenticates a connection once, from
 * its signed identity), and one upstream subscription per distinct operation, variables and
 * identity: clients asking the same thing share it, and it ends at the subgraph the moment its
 * last listener leaves. A subgraph that restarts or drops the connection is reconnected (with
 * backoff, signing a fresh identity) and every subscription on it resubscribed; listeners only
 * notice the events they missed meanwhile.
 */
export class UpstreamPool {
  readonly #connections = new Map<string, Connection>();
  readonly #upstreams = new Map<string, SharedUpstream>();

  constructor(
    private readonly signer: IdentitySigner,
    private readonly logger: Logger,
    private readonly settings: UpstreamSettings = DEFAULT_UPSTREAM_SETTINGS,
  ) {}

  get stats() {
    return { connections: this.#connections.size, subscriptions: this.#upstreams.size };
  }

  /** Listens to `operation` as `identity`; the returned function stops listening. */
  listen(operation: UpstreamOperation, identity: Identity, listener: UpstreamListener): () => void {
    const connectionKey = `${operation.url}\n${identityKey(identity)}`;
    const key = `${connectionKey}\n${operation.query}\n${stableStringify(operation.variables)}`;
    let upstream = this.#upstreams.get(key);
    if (!upstream) {
      upstream = this.#open(key, connectionKey, operation, identity);
      this.#upstreams.set(key, upstream);
    }
    const shared = upstream;
    shared.listeners.add(listener);
    return () => {
      if (!shared.listeners.delete(listener) || shared.listeners.size > 0) return;
      this.#upstreams.delete(key);
      shared.dispose();
    };
  }

  /** Ends every upstream subscription and connection (the gateway is stopping). */
  async close(): Promise<void> {
    for (const upstream of this.#upstreams.values()) upstream.dispose();
    this.#upstreams.clear();
    await Promise.all([...this.#connections.values()].map((c) => Promise.resolve(c.client.dispose()).catch(() => {})));
    this.#connections.clear();
  }

  #open(key: string, connectionKey: string, operation: UpstreamOperation, identity: Identity): SharedUpstream {
    const connection = this.#connect(connectionKey, operation, identity);
    connection.users++;
    const listeners = new Set<UpstreamListener>();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--connection.users === 0) {
        this.#connections.delete(connectionKey);
        void Promise.resolve(connection.client.dispose()).catch(() => {});
      }
    };
    const finish = (errors?: readonly GraphQLError[]) => {
      if (this.#upstreams.get(key)?.listeners === listeners) this.#upstreams.delete(key);
      release();
      for (const listener of [...listeners]) listener.end(errors);
      listeners.clear();
    };
    // graphql-ws sends `complete` to the subgraph synchronously when this is called.
    const unsubscribe = connection.client.subscribe<Record<string, unknown>, Record<string, unknown>>(
      { query: operation.query, variables: operation.variables },
      {
        next: (event) => {
          for (const listener of listeners) listener.next(event);
        },
        error: (error) => finish(this.#explain(error, operation)),
        complete: () => finish(),
      },
    );
    return {
      listeners,
      dispose: () => {
        unsubscribe();
        release();
      },
    };
  }

  #connect(connectionKey: string, operation: UpstreamOperation, identity: Identity): Connection {
    const existing = this.#connections.get(connectionKey);
    if (existing) return existing;
    const { subgraph } = operation;
    const log = this.logger.child({ subgraph });
    let down = false;
    let pongTimeout: NodeJS.Timeout | undefined;
    const client: Client = createClient({
      url: operation.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      // Asked at every (re)connection, so a reconnect never presents an expired identity.
      connectionParams: async () => ({ [IDENTITY_HEADER]: await this.signer.token(identity) }),
      lazy: true,
      keepAlive: this.settings.keepAliveMs,
      retryAttempts: Infinity,
      // Reconnect after anything (refused connections while a subgraph restarts included) except
      // the subgraph rejecting our identity, which another attempt would not change.
      shouldRetry: (error) => !(isCloseEvent(error) && error.code === CloseCode.Forbidden),
      retryWait: (retries) => backoff(this.settings.retry, retries),
      on: {
        // A subgraph that vanished without closing the connection (a lost host) answers no ping:
        // give up on the connection, and reconnect.
        ping: (received) => {
          if (!received) pongTimeout = setTimeout(() => client.terminate(), this.settings.keepAliveMs / 2);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimeout);
        },
        // Logged once per outage, not once per reconnection attempt.
        connected: () => {
          if (down) log.info('subscription upstream reconnected');
          down = false;
        },
        closed: (event) => {
          clearTimeout(pongTimeout);
          if (down || !isCloseEvent(event) || event.code === 1000) return;
          down = true;
          log.warn({ code: event.code, reason: event.reason }, 'subscription upstream disconnected; reconnecting');
        },
      },
    });
    const connection = { client, users: 0 };
    this.#connections.set(connectionKey, connection);
    return connection;
  }

  #explain(error: unknown, operation: UpstreamOperation): GraphQLError[] {
    // An array is the subgraph's own answer (an `error` message): pass it on as it said it.
    if (Array.isArray(error)) {
      return (error as GraphQLFormattedError[]).map((e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} }));
    }
    this.logger.warn({ subgraph: operation.subgraph, err: isCloseEvent(error) ? `${error.code} ${error.reason}` : String(error) }, 'subscription upstream failed');
    return [
      new GraphQLError(`Subgraph "${operation.subgraph}" is unavailable`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: operation.subgraph },
      }),
    ];
  }
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/** Exponential backoff with jitter, so replicas that lost the same subgraph do not reconnect in step. */
function backoff({ initialDelayMs, maxDelayMs }: UpstreamSettings['retry'], retries: number): Promise<void> {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** retries);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}
