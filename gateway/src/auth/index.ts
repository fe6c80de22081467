/**
 * Authentication and rate limiting at the gateway: `createAuthentication` wires the pieces.
 *
 * - authenticator.ts: bearer token → identity, asking tenancy's internal endpoint on a cache miss.
 * - credential-cache.ts: verifications cached for seconds in Redis (or memory), by token hash.
 * - revocation.ts: tenancy's `tenancy.credentialsRevoked` events drop cached verifications at once.
 * - rate-limit.ts: per API key, per user session, per anonymous address; sliding window in Redis.
 */
import { CREDENTIALS_REVOKED_TOPIC, createRedis, redisReady, type CredentialsRevoked, type EventBus, type Identity, type Logger } from '@sixfold/kit';
import { TokenAuthenticator } from './authenticator.js';
import { memoryCredentialCache, redisCredentialCache } from './credential-cache.js';
import { createRateLimiter, type RateLimits } from './rate-limit.js';
import { followRevocations } from './revocation.js';

export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.js';
export { bearerToken } from './authenticator.js';

export interface AuthenticationOptions {
  /** Tenancy's base URL (its /graphql URL works too). */
  tenancyUrl: string;
  identitySecret: string;
  /** Shared cache and counters across gateway replicas; memory when absent. */
  redisUrl?: string | undefined;
  redisPrefix: string;
  /** Where tenancy announces revocations. */
  bus: EventBus;
  logger: Logger;
  rateLimits?: Partial<RateLimits>;
  /** Default 10 s: the longest a revoked credential could still be honoured if its event were lost. */
  cacheTtlMs?: number;
}

export interface GatewayAuthentication {
  authenticate(request: { authorization: string | undefined; clientAddress: string }): Promise<Identity>;
  onRevoked(listener: (revoked: CredentialsRevoked) => void): () => void;
  close(): Promise<void>;
}

export async function createAuthentication(options: AuthenticationOptions): Promise<GatewayAuthentication> {
  const redis = options.redisUrl ? createRedis(options.redisUrl, options.logger, 'gateway-auth') : undefined;
  // The first requests should find Redis connected; after a short wait they fall back instead.
  if (redis) await redisReady(redis, 2_000);
  const cache = redis ? redisCredentialCache(redis, options.redisPrefix, options.logger) : memoryCredentialCache();
  const authenticator = new TokenAuthenticator({
    tenancyUrl: options.tenancyUrl.replace(/\/graphql\/?$/, ''),
    identitySecret: options.identitySecret,
    cache,
    limiter: createRateLimiter({ redis, prefix: options.redisPrefix, limits: options.rateLimits }),
    cacheTtlMs: options.cacheTtlMs ?? 10_000,
    logger: options.logger,
  });
  const revocations = followRevocations(options.bus.subscribe<CredentialsRevoked>(CREDENTIALS_REVOKED_TOPIC), cache, options.logger);
  return {
    authenticate: (request) => authenticator.authenticate(request),
    onRevoked: (listener) => revocations.onRevoked(listener),
    async close() {
      await revocations.stop();
      redis?.disconnect();
    },
  };
}
