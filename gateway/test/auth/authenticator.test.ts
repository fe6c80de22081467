/**
 * The authenticator against a stand-in for tenancy's internal endpoint that knows no token, with
 * the rate limiter and credential cache in the real Redis.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, createRedis, redisReady, type Redis } from '@sixfold/kit';
import { TokenAuthenticator } from '../../src/auth/authenticator.js';
import { redisCredentialCache } from '../../src/auth/credential-cache.js';
import { createRateLimiter } from '../../src/auth/rate-limit.js';

const logger = createLogger('silent');
let tenancy: Server;
let tenancyAsked = 0;
let redis: Redis;

beforeAll(async () => {
  tenancy = createServer((_req, res) => {
    tenancyAsked++;
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid credential"}');
  });
  await new Promise<void>((resolve) => tenancy.listen(0, '127.0.0.1', resolve));
  redis = createRedis(process.env.REDIS_URL!, logger);
  // Commands sent before the connection is up fail over to the limiter's in-memory insurance,
  // which would count the first attempts apart from the rest.
  await redisReady(redis, 5_000);
});
afterAll(async () => {
  redis.disconnect();
  await new Promise((resolve) => tenancy.close(resolve));
});

describe('a client sending tokens tenancy does not know', () => {
  it('is refused with RATE_LIMITED, without asking tenancy again, once over the anonymous limit', async () => {
    const prefix = `${process.env.REDIS_PREFIX}authenticator-test:${Date.now()}:`;
    const authenticator = new TokenAuthenticator({
      tenancyUrl: `http://127.0.0.1:${(tenancy.address() as AddressInfo).port}`,
      identitySecret: 'authenticator-test-secret-of-enough-length',
      cache: redisCredentialCache(redis, prefix, logger),
      limiter: createRateLimiter({ redis, prefix, limits: { anonymousPerWindow: 3 } }),
      cacheTtlMs: 10_000,
      logger,
    });
    const attempt = (n: number, clientAddress = '203.0.113.7') =>
      authenticator.authenticate({ authorization: `Bearer guess-${n}`, clientAddress }).then(
        () => 'accepted',
        (error: { extensions: { code: string } }) => error.extensions.code,
      );

    const codes = [];
    for (let n = 0; n < 5; n++) codes.push(await attempt(n));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(tenancyAsked).toBe(3);
    // Another address has a budget of its own.
    expect(await attempt(5, '203.0.113.8')).toBe('UNAUTHENTICATED');
  });
});
