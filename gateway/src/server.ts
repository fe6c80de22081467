import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { ANONYMOUS, createErrorFormatter, type CredentialsRevoked, signIdentity, type Identity, type Logger } from '@sixfold/kit';
import type { GatewayContext } from './context.js';
import { clientAddressResolver, type TrustProxy } from './client-address.js';
import { SubgraphDataSource } from './datasource.js';
import { createMetrics } from './plugins/metrics.js';
import { DEFAULT_QUERY_LIMITS, queryCostPlugin, queryLimitCode, queryShapeLimits, type QueryLimits } from './plugins/query-limits.js';
import { serveSubscriptions, type SubscriptionSettings } from './subscriptions/index.js';
import { subgraphUrlsOf } from './supergraph.js';

/**
 * Turns a request's credentials into an identity (throwing UNAUTHENTICATED or RATE_LIMITED
 * before any subgraph is asked); the default knows only anonymous callers. The real one is
 * `createAuthentication` (src/auth).
 */
export interface Authenticator {
  authenticate(request: { authorization: string | undefined; clientAddress: string }): Promise<Identity>;
  /** Calls `listener` whenever credentials are revoked; returns a function that stops listening. */
  onRevoked?(listener: (revoked: CredentialsRevoked) => void): () => void;
  close?(): Promise<void>;
}

export const anonymousOnly: Authenticator = { authenticate: async () => ANONYMOUS };

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph really is, when not where the supergraph says (tests, containers). */
  subgraphUrls?: Record<string, string>;
  identitySecret: string;
  logger: Logger;
  port: number;
  host?: string;
  authenticator?: Authenticator;
  queryLimits?: QueryLimits;
  subscriptions?: Partial<SubscriptionSettings>;
  /** Longest a subgraph may take to answer one fetch (default 30 s). */
  subgraphTimeoutMs?: number;
  /** Proxies trusted to report the client's address (see client-address.ts). */
  trustProxy?: TrustProxy;
}

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const authenticator = options.authenticator ?? anonymousOnly;
  const urls = { ...subgraphUrlsOf(options.supergraphSdl), ...options.subgraphUrls };
  // One data source per subgraph, shared by HTTP requests and subscription events.
  const dataSources = Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, new SubgraphDataSource(name, url, options.subgraphTimeoutMs)]));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => dataSources[name] ?? new SubgraphDataSource(name, url!, options.subgraphTimeoutMs),
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  const clientAddress = clientAddressResolver(options.trustProxy);
  const httpServer = createServer(app);
  const metrics = createMetrics();
  const queryLimits = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  const limits = queryShapeLimits(queryLimits);
  const formatError = createErrorFormatter(logger);
  const subscriptions = serveSubscriptions({
    httpServer,
    path: '/graphql',
    supergraphSdl: options.supergraphSdl,
    dataSources,
    authenticator,
    clientAddress,
    identitySecret: options.identitySecret,
    logger,
    validationRules: limits.validationRules,
    maxCost: queryLimits.maxCost,
    formatError: (formatted, error) => queryLimitCode(formatError(formatted, error)),
    registry: metrics.registry,
    settings: options.subscriptions,
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: (formatted, error) => queryLimitCode(formatError(formatted, error)),
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: false }),
      metrics.plugin,
      subscriptions.plugin,
      queryCostPlugin(queryLimits.maxCost),
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same.
      ...(limits.plugins as never[]),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(Object.entries(urls).map(async ([name, url]) => ({ name, ...(await probe(url)) })));
    const ready = checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs: checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    // Bounds the document (and variables) a client can make the gateway parse.
    express.json({ limit: '512kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => {
        const identity = await authenticator.authenticate({ authorization: req.headers.authorization, clientAddress: clientAddress(req) });
        return { requestId: randomUUID(), identity, signedIdentity: await signIdentity(identity, options.identitySecret) };
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await apollo.stop();
    await authenticator.close?.();
  };
  return { url, port, httpServer, stop: () => (stopping ??= stop()) };
}

/** A subgraph is ready when its own readiness check (which includes its database) passes. */
async function probe(graphqlUrl: string): Promise<{ ok: boolean; reason?: string }> {
  try {
    const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(2_000) });
    return response.ok ? { ok: true } : { ok: false, reason: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
