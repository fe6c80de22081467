/** Both credential caches, the Redis one against the real Redis. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, createRedis, redisReady, type Redis, type VerifiedCredential } from '@sixfold/kit';
import { memoryCredentialCache, redisCredentialCache, type CredentialCache } from '../../src/auth/credential-cache.js';

const logger = createLogger('silent');
let redis: Redis;
beforeAll(async () => {
  redis = createRedis(process.env.REDIS_URL!, logger);
  await redisReady(redis, 5_000);
});
afterAll(() => redis.disconnect());

const credential = (credentialId: string, userId: string): VerifiedCredential => ({
  userId,
  organizationIds: [],
  roles: ['user'],
  scopes: [],
  credentialId,
  rateLimit: null,
  expiresAt: null,
});

describe.each<[string, () => CredentialCache]>([
  ['in memory', () => memoryCredentialCache()],
  ['in Redis', () => redisCredentialCache(redis, `${process.env.REDIS_PREFIX}credential-cache-test:${Math.random().toString(36).slice(2)}:`, logger)],
])('the credential cache %s', (_kind, createCache) => {
  it('remembers a verification until a revocation names its credential or its user', async () => {
    const cache = createCache();
    const alice = credential('apikey:a1', 'alice');
    const aliceSession = credential('session:a2', 'alice');
    const bob = credential('apikey:b1', 'bob');
    for (const [hash, value] of [['t-a1', alice], ['t-a2', aliceSession], ['t-b1', bob]] as const) {
      await cache.set(hash, { credential: value }, 10_000, (await cache.get(hash)).epoch);
    }
    expect((await cache.get('t-a1')).hit).toEqual({ credential: alice });

    await cache.revoke({ credentialIds: ['apikey:a1'] });
    expect((await cache.get('t-a1')).hit).toBeUndefined();
    expect((await cache.get('t-a2')).hit).toEqual({ credential: aliceSession });

    await cache.revoke({ userIds: ['alice'] });
    expect((await cache.get('t-a2')).hit).toBeUndefined();
    expect((await cache.get('t-b1')).hit).toEqual({ credential: bob });
  });

  it('does not cache a verification that was under way while a revocation was applied', async () => {
    const cache = createCache();
    const { epoch } = await cache.get('t-c1'); // the lookup before asking tenancy
    await cache.revoke({ credentialIds: ['apikey:c1'] }); // tenancy answered, then the key was revoked
    await cache.set('t-c1', { credential: credential('apikey:c1', 'carol') }, 10_000, epoch);
    expect((await cache.get('t-c1')).hit).toBeUndefined();

    // The next verification, started after the revocation, is cached as usual.
    await cache.set('t-c1', { invalid: true }, 10_000, (await cache.get('t-c1')).epoch);
    expect((await cache.get('t-c1')).hit).toEqual({ invalid: true });
  });
});
