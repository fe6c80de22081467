/** Runs the gateway as its own process: `pnpm --filter @sixfold/gateway start [--supergraph PATH]`. */
import { ConfigError, createEventBus, createLogger, stopOnSignals } from '@sixfold/kit';
import { createAuthentication } from './auth/index.js';
import { parseTrustProxy } from './client-address.js';
import { loadGatewayConfig, subgraphUrlOverrides } from './config.js';
import { startGateway } from './server.js';
import { loadSupergraph, subgraphUrlsOf, supergraphPath } from './supergraph.js';

let config, supergraphSdl, subgraphUrls;
try {
  config = loadGatewayConfig();
  supergraphSdl = loadSupergraph(supergraphPath());
  subgraphUrls = subgraphUrlOverrides();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL, 'sixfold-gateway');
// Revocations arrive on the event bus; without REDIS_URL only the cache's expiry bounds them.
const bus = createEventBus({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger });
const authenticator = await createAuthentication({
  tenancyUrl: { ...subgraphUrlsOf(supergraphSdl), ...subgraphUrls }.tenancy!,
  identitySecret: config.IDENTITY_SECRET,
  redisUrl: config.REDIS_URL,
  redisPrefix: config.REDIS_PREFIX,
  bus,
  logger,
  cacheTtlMs: config.AUTH_CACHE_TTL_MS,
  rateLimits: {
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    anonymousPerWindow: config.RATE_LIMIT_ANONYMOUS,
    sessionPerWindow: config.RATE_LIMIT_SESSION,
    apiKeyWindowSeconds: config.RATE_LIMIT_API_KEY_WINDOW_SECONDS,
  },
});
const gateway = await startGateway({
  supergraphSdl,
  subgraphUrls,
  identitySecret: config.IDENTITY_SECRET,
  logger,
  port: config.PORT,
  host: config.HOST,
  authenticator,
  trustProxy: parseTrustProxy(config.TRUST_PROXY),
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
});
stopOnSignals(async () => {
  await gateway.stop();
  await bus.close();
}, (m) => logger.info(m));
