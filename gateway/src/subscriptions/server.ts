import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ExecutionArgs, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Gauge, type Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, type Identity, type Logger } from '@sixfold/kit';
import type { SubgraphDataSource } from '../datasource.js';
import type { Authenticator } from '../server.js';
import { createEventExecutor } from './execution.js';
import { SubscriptionHub } from './hub.js';
import { IdentitySigner } from './identity.js';
import { SubscriptionPlanner, type PreparedSubscription } from './planning.js';
import { DEFAULT_UPSTREAM_SETTINGS, UpstreamPool, type UpstreamSettings } from './upstream.js';

export interface SubscriptionSettings {
  /** How the gateway keeps its connections to subgraphs alive, and reconnects them. */
  upstream: UpstreamSettings;
  /** Events buffered per client before the oldest are dropped. */
  queueCapacity: number;
  /** Largest WebSocket message a client may send (the HTTP endpoint's body limit). */
  maxPayloadBytes: number;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = { upstream: DEFAULT_UPSTREAM_SETTINGS, queueCapacity: 1_000, maxPayloadBytes: 512 * 1024 };

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  supergraphSdl: string;
  /** The gateway's data sources, by subgraph name (entity fetches and subgraph URLs). */
  dataSources: Record<string, SubgraphDataSource>;
  authenticator: Authenticator;
  /** The client's address behind trusted proxies, as for HTTP requests (rate limits). */
  clientAddress: (request: IncomingMessage) => string;
  identitySecret: string;
  logger: Logger;
  /** The HTTP endpoint's extra validation rules (query limits), so both sides accept the same documents. */
  validationRules: readonly ValidationRule[];
  /** The HTTP endpoint's cost limit. */
  maxCost?: number;
  /** The HTTP endpoint's error formatter, so both sides answer errors alike. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Where to report subscription gauges (the gateway's /metrics). */
  registry: Registry;
  settings?: Partial<SubscriptionSettings>;
}

/** The WebSocket close code for a server refusing for the moment (RFC 6455 registry). */
const TRY_AGAIN_LATER = 1013;

type ConnectionExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  identity?: Identity;
};

interface SubscriptionContext {
  prepared: PreparedSubscription;
  identity: Identity;
}

/**
 * Serves subscriptions through the gateway over graphql-ws, on the HTTP server and path of the
 * HTTP endpoint. A client authenticates once, at `connection_init` (`authorization` in the
 * connection parameters, or the upgrade request's header), through the same Authenticator as
 * HTTP requests. Returns the Apollo plugin that closes it all when the gateway drains.
 */
export function serveSubscriptions(options: SubscriptionServerOptions) {
  const { logger, formatError } = options;
  const settings = { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.settings };
  const planner = new SubscriptionPlanner(options.supergraphSdl, options.validationRules, options.maxCost);
  const signer = new IdentitySigner(options.identitySecret);
  const upstreams = new UpstreamPool(signer, logger, settings.upstream);
  const hub = new SubscriptionHub({
    upstreams,
    executeEvent: createEventExecutor({ planner, dataSources: options.dataSources, signer, logger }),
    subgraphUrls: Object.fromEntries(Object.entries(options.dataSources).map(([name, source]) => [name, source.url])),
    logger,
    queueCapacity: settings.queueCapacity,
  });
  reportGauges(options.registry, hub);

  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: settings.maxPayloadBytes });
  const identities = new WeakMap<WebSocket, Identity>();
  const stopClosingRevoked = closeRevokedConnections(wsServer, identities, options.authenticator);
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const graphqlWs = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const fromParams = params.authorization ?? params.Authorization;
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          ctx.extra.identity = await options.authenticator.authenticate({ authorization, clientAddress: options.clientAddress(ctx.extra.request) });
          identities.set(ctx.extra.socket, ctx.extra.identity);
          return true;
        } catch (error) {
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          // A refusal for now (authentication unavailable, over the rate limit) is not a verdict on
          // the credentials: 1013 Try Again Later, which clients retry, keeping them.
          if (code === ErrorCode.SUBGRAPH_UNAVAILABLE || code === ErrorCode.RATE_LIMITED) {
            ctx.extra.socket.close(TRY_AGAIN_LATER, (error as GraphQLError).message);
            return false;
          }
          // A refusal (bad or expired credentials) closes with 4403 Forbidden, as graphql-ws specifies.
          if (code) return false;
          logger.error({ err: error }, 'could not authenticate a subscription connection');
          ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        try {
          const prepared = planner.prepare(payload);
          if (Array.isArray(prepared)) return prepared;
          const contextValue: SubscriptionContext = { prepared, identity: ctx.extra.identity! };
          return { schema: planner.schema, document: prepared.plan.document, variableValues: prepared.variables, contextValue };
        } catch (error) {
          logger.error({ err: error }, 'could not plan a subscription');
          return [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })];
        }
      },
      subscribe: (args: ExecutionArgs) => {
        const { prepared, identity } = args.contextValue as SubscriptionContext;
        return hub.subscribe(prepared, identity);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
  );

  const plugin: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        // Clients are told the server is going away (1001) and may reconnect to another replica.
        async drainServer() {
          stopClosingRevoked();
          await graphqlWs.dispose();
          await upstreams.close();
        },
      };
    },
  };
  return { plugin };
}

/**
 * A connection is authenticated once, at `connection_init`; when its credential is revoked (a key
 * revoked, a session ended, a member removed, a role changed), it is closed with 4403 so the client
 * must authenticate again: revocation reaches open subscriptions as fast as it reaches HTTP requests.
 */
function closeRevokedConnections(wsServer: WebSocketServer, identities: WeakMap<WebSocket, Identity>, authenticator: Authenticator): () => void {
  return (
    authenticator.onRevoked?.((revoked) => {
      for (const socket of wsServer.clients) {
        const identity = identities.get(socket);
        if (!identity) continue;
        const byCredential = identity.credentialId && revoked.credentialIds?.includes(identity.credentialId);
        const byUser = identity.userId && revoked.userIds?.includes(identity.userId);
        if (byCredential || byUser) socket.close(CloseCode.Forbidden, 'Credential revoked');
      }
    }) ?? (() => {})
  );
}

function reportGauges(registry: Registry, hub: SubscriptionHub) {
  new Gauge({
    name: 'sixfold_gateway_subscriptions',
    help: 'Live subscriptions: clients, feeds (distinct document, variables and identity), upstream subscriptions to subgraphs and upstream connections',
    labelNames: ['level'] as const,
    registers: [registry],
    collect() {
      const { clients, feeds, upstream } = hub.stats;
      this.set({ level: 'client' }, clients);
      this.set({ level: 'feed' }, feeds);
      this.set({ level: 'upstream' }, upstream.subscriptions);
      this.set({ level: 'connection' }, upstream.connections);
    },
  });
}
