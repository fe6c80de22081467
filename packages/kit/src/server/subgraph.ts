import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express } from 'express';
import { GraphQLError, getOperationAST, parse, type DocumentNode } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createPrismaClient, type PrismaLike } from '../db/prisma.js';
import { RequestDb, ShortTransactionDb, type Db } from '../db/request-db.js';
import { createErrorFormatter } from '../errors.js';
import type { EventBus } from '../events.js';
import { IDENTITY_HEADER, verifyIdentity, type Identity } from '../identity.js';
import type { Logger } from '../logger.js';
import type { SubgraphContext } from './context.js';
import { subscribeWithFreshContexts } from './per-event-context.js';
import { requestTransactionPlugin } from './plugins/request-transaction.js';

type TransactionRunner<Tx> = { $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R> };

/**
 * Everything that makes a subgraph what it is. Each of the six exports one of these from its
 * `src/subgraph.ts`; `startSubgraph` turns it into a running server, standalone or in-process.
 */
export interface SubgraphDefinition<Tx, Ctx extends SubgraphContext<Tx>> {
  name: string;
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Ctx>;
  /** The database role queries run as (created by the domain's migrations; subject to RLS). */
  dbRole: string;
  /**
   * Query fields that write (a search recorded in the history): an operation selecting one at its
   * root runs on the primary. Every other query reads from the replica when one is configured,
   * in a read-only transaction where such a write would fail.
   */
  queriesThatWrite?: readonly string[];
  /** The domain's generated Prisma client class. */
  PrismaClient: new (options: never) => PrismaLike & TransactionRunner<Tx>;
  /** Adds the domain's per-request pieces (its DataLoaders) to the shared context. */
  createContext(base: SubgraphContext<Tx>, services: SubgraphServices<Tx>): Ctx;
  /** Long-lived helpers the domain needs beyond the database (e.g. a Redis cache); closed on stop. */
  createServices?(runtime: SubgraphRuntime<Tx>): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Extra HTTP routes beside /graphql (internal endpoints the gateway calls); mounted before it. */
  routes?(app: Express, services: SubgraphServices<Tx>): void;
}

export interface SubgraphOptions {
  port: number;
  host?: string;
  databaseUrl: string;
  /** A read replica for queries (DATABASE_READ_URL); without it, everything uses `databaseUrl`. */
  databaseReadUrl?: string | undefined;
  redisUrl?: string | undefined;
  redisPrefix?: string;
  identitySecret: string;
  bus: EventBus;
  logger: Logger;
  poolMax: number;
  connectTimeoutMs: number;
  transactionTimeoutMs: number;
  /** Observes every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/** What a running subgraph holds for its whole life. */
export interface SubgraphRuntime<Tx> {
  name: string;
  prisma: PrismaLike & TransactionRunner<Tx>;
  options: SubgraphOptions;
  logger: Logger;
  /** Database access outside any request, as the given identity (default: the system itself). */
  db(identity?: Identity): Db<Tx>;
}

export type SubgraphServices<Tx> = SubgraphRuntime<Tx> & { services: Record<string, unknown> };

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SYSTEM_IDENTITY: Identity = { kind: 'service', userId: null, organizationIds: [], roles: ['admin'], scopes: [] };

export async function startSubgraph<Tx, Ctx extends SubgraphContext<Tx>>(
  definition: SubgraphDefinition<Tx, Ctx>,
  options: SubgraphOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger.child({ subgraph: definition.name });
  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }]);
  const queriesThatWrite = definition.queriesThatWrite ?? [];
  // A misspelt name would send its writes to the replica, where they fail: refuse to start instead.
  const unknownQuery = queriesThatWrite.find((name) => !schema.getQueryType()?.getFields()[name]);
  if (unknownQuery) throw new Error(`${definition.name}: queriesThatWrite names ${unknownQuery}, which is not a Query field`);
  const connect = (url: string, applicationName: string) =>
    createPrismaClient(definition.PrismaClient as never, {
      url,
      poolMax: options.poolMax,
      connectTimeoutMs: options.connectTimeoutMs,
      applicationName,
      logger,
      ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    }) as PrismaLike & TransactionRunner<Tx>;
  const prisma = connect(options.databaseUrl, `sixfold-${definition.name}`);
  // Only HTTP queries use the replica (see requestTransactionPlugin); no replica, no second pool.
  const reader = options.databaseReadUrl ? connect(options.databaseReadUrl, `sixfold-${definition.name}-reader`) : undefined;
  const dbOptions = (identity: Identity, log: Logger = logger) => ({
    role: definition.dbRole,
    identity,
    timeoutMs: options.transactionTimeoutMs,
    maxWaitMs: options.connectTimeoutMs,
    logger: log,
  });
  const runtime: SubgraphRuntime<Tx> = {
    name: definition.name,
    prisma,
    options,
    logger,
    db: (identity = SYSTEM_IDENTITY) => new ShortTransactionDb<Tx>(prisma, dbOptions(identity)),
  };
  const services = { ...runtime, services: (await definition.createServices?.(runtime)) ?? {} };

  const app = express();
  const httpServer: Server = createServer(app);
  // Subscription messages are small; the limit keeps a client from making the server buffer 100 MB (ws's default).
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 2 * 1024 * 1024 });

  // A subscription's context. Each `db.run` is a short transaction of its own: a subscription may
  // stay open for hours and must not hold a connection meanwhile.
  const subscriptionContext = (identity: Identity, requestId: string) =>
    definition.createContext({ identity, db: new ShortTransactionDb<Tx>(prisma, dbOptions(identity)), bus: options.bus, logger, requestId }, services);

  // Subscriptions: the identity arrives once, in the connection parameters.
  const wsCleanup = useServer<Record<string, unknown>, { identity?: Identity }>(
    {
      schema,
      // Queries and mutations go over HTTP, where the request transaction makes them all-or-nothing.
      onSubscribe: (_ctx, _id, payload) => {
        let operation;
        try {
          operation = getOperationAST(parse(payload.query), payload.operationName ?? undefined)?.operation;
        } catch {
          return undefined; // graphql-ws reports the syntax error itself
        }
        if (operation && operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        return undefined;
      },
      onConnect: async (ctx) => {
        try {
          ctx.extra.identity = await verifyIdentity(ctx.connectionParams?.[IDENTITY_HEADER] as string | undefined, options.identitySecret);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      // The context of the subscribe phase: the `subscribe` resolver, its checks and its filters.
      context: (ctx) => subscriptionContext(ctx.extra.identity!, randomUUID()),
      // Every event is executed with a context (and so DataLoaders) of its own, built from the
      // subscription's. It keeps the subscription's requestId: to the client and the gateway, the
      // subscription is the one request, and its events' logs and audit rows should point to it.
      subscribe: subscribeWithFreshContexts((subscription: Ctx) => subscriptionContext(subscription.identity, subscription.requestId)),
    },
    wsServer,
  );

  const formatError = createErrorFormatter(logger);
  const apollo = new ApolloServer<Ctx>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted platform; this graph does not report to it.
      ApolloServerPluginInlineTraceDisabled(),
      requestTransactionPlugin(logger, queriesThatWrite) as never,
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await runtime.db().run((tx) => (tx as { $queryRawUnsafe(sql: string): Promise<unknown> }).$queryRawUnsafe('SELECT 1'));
      // Queries fail without the replica as surely as without the primary.
      await reader?.$transaction((tx) => (tx as { $queryRawUnsafe(sql: string): Promise<unknown> }).$queryRawUnsafe('SELECT 1'));
      res.json({ status: 'ready', subgraph: definition.name });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', subgraph: definition.name, reason: (error as Error).message });
    }
  });
  definition.routes?.(app, services);
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        const identity = await verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, options.identitySecret);
        const requestLogger = logger.child({ requestId });
        const base: SubgraphContext<Tx> = {
          identity,
          db: new RequestDb<Tx>(prisma, dbOptions(identity, requestLogger), reader),
          bus: options.bus,
          logger: requestLogger,
          requestId,
        };
        return definition.createContext(base, services);
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'subgraph ready');

  let stopping: Promise<void> | undefined;
  return {
    name: definition.name,
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await apollo.stop();
        for (const service of Object.values(services.services)) {
          await (service as { close?: () => Promise<unknown> })?.close?.();
        }
        await Promise.all([prisma.$disconnect(), reader?.$disconnect()]);
      })()),
  };
}
