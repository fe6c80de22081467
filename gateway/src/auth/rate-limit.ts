/**
 * Request rate limits, checked at the gateway before any subgraph hears of a request
 * (rate-limiter-flexible, in Redis so every gateway replica counts together).
 *
 * Seed 000 counts requests per key in Redis per time window (`INCR api:rate:user:<id>:<window>`,
 * expiring with the window). A plain fixed window lets a client send twice its limit across a
 * window boundary, so the counters are read as a sliding window: the previous window's count,
 * weighted by how much of it still overlaps the last `window` seconds, plus the current one's
 * (the "sliding window counter" approximation: two integers per client, exact at the edges to
 * within the weighting). rate-limiter-flexible runs it through its supported
 * `customIncrTtlLuaScript` hook, so its Redis handling, key prefixes and in-memory insurance
 * (used whenever Redis cannot answer) stay the library's. Without Redis at all the library's
 * in-memory fixed window serves a single process.
 *
 * Who is counted: an API key against its own `rate_limit` per hour (seed 000); a session
 * against the session limit; an anonymous client per address, and so are the invalid tokens an
 * address sends (their checks reach tenancy before any request could be counted).
 */
import { HeaderMap } from '@apollo/server';
import { rateLimited, type Redis, type VerifiedCredential } from '@sixfold/kit';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimits {
  /** Window for sessions and anonymous clients. */
  windowSeconds: number;
  /** Requests per window for each anonymous client address. */
  anonymousPerWindow: number;
  /** Requests per window for each signed-in user (session tokens). */
  sessionPerWindow: number;
  /** Window an API key's `rate_limit` counts in (seed 000: an hour). */
  apiKeyWindowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { windowSeconds: 60, anonymousPerWindow: 300, sessionPerWindow: 1_200, apiKeyWindowSeconds: 3_600 };

/** KEYS[1]: the client's hash of window counters. ARGV: cost, window (s), limit. Returns {count incl. this request, ms}. */
const SLIDING_WINDOW_SCRIPT = `
local key = KEYS[1]
local cost = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
local limit = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local current = math.floor(now / window)
local elapsed = now - current * window
local currentCount = tonumber(redis.call('HGET', key, tostring(current)) or '0')
local previousCount = tonumber(redis.call('HGET', key, tostring(current - 1)) or '0')
local estimate = math.floor(previousCount * (window - elapsed) / window) + currentCount
if estimate + cost <= limit then
  redis.call('HINCRBY', key, tostring(current), cost)
  redis.call('HDEL', key, tostring(current - 2))
  redis.call('PEXPIRE', key, window * 2)
  return {estimate + cost, window - elapsed}
end
local wait = window - elapsed
local room = limit - cost - currentCount
if room >= 0 and previousCount > 0 then
  wait = wait - math.floor(room * window / previousCount)
elseif currentCount > 0 and limit - cost >= 0 then
  wait = wait + window - math.floor((limit - cost) * window / currentCount)
end
if wait < 1 then wait = 1 end
return {estimate + cost, wait}
`;

export type RateSubject = { kind: 'anonymous'; clientAddress: string } | { kind: 'credential'; credential: VerifiedCredential };

export interface RateLimiter {
  /** Counts one request; throws RATE_LIMITED (with `retryAfter` and a Retry-After header) when over. */
  consume(subject: RateSubject): Promise<void>;
  /**
   * Runs `verify` (asking tenancy about a token not in the cache) unless the client's address sent
   * as many invalid tokens this window as an anonymous client may send requests: each check costs
   * tenancy a deliberately slow hash, and a request with a token is counted only once the token
   * is known good. Throws RATE_LIMITED when over; counts a `null` answer (no such credential).
   */
  verifyCredential<T>(clientAddress: string, verify: () => Promise<T | null>): Promise<T | null>;
}

export function createRateLimiter(options: { redis?: Redis | undefined; prefix: string; limits?: Partial<RateLimits> }): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const limiters = new Map<string, RateLimiterAbstract>();
  // One limiter per (limit, window): API keys differ in their own limits.
  const limiterFor = (points: number, duration: number) => {
    const id = `${points}:${duration}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const keyPrefix = `${options.prefix}ratelimit:${id}`;
      limiter = options.redis
        ? new RateLimiterRedis({
            storeClient: options.redis,
            keyPrefix,
            points,
            duration,
            customIncrTtlLuaScript: SLIDING_WINDOW_SCRIPT,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
      limiters.set(id, limiter);
    }
    return limiter;
  };

  // A fixed window (the library's own storage), so that it can be read without counting.
  const failuresOptions = { keyPrefix: `${options.prefix}ratelimit:failed-credentials`, points: limits.anonymousPerWindow, duration: limits.windowSeconds };
  const failedCredentials: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...failuresOptions, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(failuresOptions) })
    : new RateLimiterMemory(failuresOptions);

  return {
    async verifyCredential(clientAddress, verify) {
      const key = `ip:${clientAddress}`;
      const failures = await failedCredentials.get(key);
      if (failures && failures.remainingPoints <= 0) throw rateLimitedError(Math.max(1, Math.ceil(failures.msBeforeNext / 1000)));
      const verified = await verify();
      if (verified === null) await failedCredentials.penalty(key);
      return verified;
    },
    async consume(subject) {
      const [key, points, duration] =
        subject.kind === 'anonymous'
          ? [`ip:${subject.clientAddress}`, limits.anonymousPerWindow, limits.windowSeconds]
          : subject.credential.rateLimit !== null
            ? [subject.credential.credentialId, subject.credential.rateLimit, limits.apiKeyWindowSeconds]
            : [`user:${subject.credential.userId}`, limits.sessionPerWindow, limits.windowSeconds];
      try {
        await limiterFor(points, duration).consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw rateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
  };
}

/** The kit's RATE_LIMITED error, answered with HTTP 429 and a Retry-After header. */
function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  const error = rateLimited(retryAfterSeconds);
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  });
}
