import type { CredentialsRevoked, Logger, Redis, VerifiedCredential } from '@sixfold/kit';

/** A verification result worth remembering briefly: who the token is, or that it is no one. */
export type CachedVerification = { credential: VerifiedCredential } | { invalid: true };

/**
 * What a lookup found, and the revocation epoch it saw. The epoch goes back with `set`: a
 * verification that was under way while a revocation was applied is not cached, or tenancy's
 * answer given just before the revocation would be honoured until the entry expired.
 */
export interface CacheLookup {
  hit: CachedVerification | undefined;
  /** Undefined when the cache could not say (then nothing is cached). */
  epoch: string | undefined;
}

/**
 * Verified bearer tokens, keyed by a SHA-256 of the token (never the token), for a few seconds.
 * Each entry is also indexed by its credential and user, so a revocation drops every entry it
 * concerns at once, on every gateway sharing the cache.
 */
export interface CredentialCache {
  get(tokenHash: string): Promise<CacheLookup>;
  /** Caches `value` unless a revocation was applied since the lookup that returned `epoch`. */
  set(tokenHash: string, value: CachedVerification, ttlMs: number, epoch: string | undefined): Promise<void>;
  revoke(revoked: CredentialsRevoked): Promise<void>;
}

const indexKeys = (revoked: CredentialsRevoked) => [
  ...(revoked.credentialIds ?? []).map((id) => `credential:${id}`),
  ...(revoked.userIds ?? []).map((id) => `user:${id}`),
];
const indexKeysOf = (value: CachedVerification) =>
  'credential' in value ? [`credential:${value.credential.credentialId}`, `user:${value.credential.userId}`] : [];

/** KEYS: epoch, entry, index keys…; ARGV: epoch seen, entry, ttl ms, token hash. Caches only if no revocation came between. */
const SET_UNLESS_REVOKED = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3]) * 2)
end
return 1
`;

/** Shared by every gateway on one Redis: a revocation handled by any of them holds for all. */
export function redisCredentialCache(redis: Redis, prefix: string, logger: Logger): CredentialCache {
  const entry = (tokenHash: string) => `${prefix}auth:token:${tokenHash}`;
  const index = (key: string) => `${prefix}auth:index:${key}`;
  // Counts revocations; Redis losing it (a restart) only makes verifications under way uncached.
  const epochKey = `${prefix}auth:revocation-epoch`;
  return {
    async get(tokenHash) {
      try {
        const [raw, epoch] = await redis.mget(entry(tokenHash), epochKey);
        return { hit: raw ? (JSON.parse(raw) as CachedVerification) : undefined, epoch: epoch ?? '0' };
      } catch (error) {
        // Without the cache every request is verified afresh: slower, never wrong.
        logger.warn({ err: (error as Error).message }, 'credential cache unavailable');
        return { hit: undefined, epoch: undefined };
      }
    },
    async set(tokenHash, value, ttlMs, epoch) {
      if (epoch === undefined) return;
      const indexes = indexKeysOf(value).map(index);
      await redis
        .eval(SET_UNLESS_REVOKED, 2 + indexes.length, epochKey, entry(tokenHash), ...indexes, epoch, JSON.stringify(value), ttlMs, tokenHash)
        .catch((error: Error) => logger.warn({ err: error.message }, 'could not cache a verified credential'));
    },
    async revoke(revoked) {
      // The epoch first: a verification finishing after this point is not cached, and one that
      // finished before it is in the index, dropped below.
      await redis.incr(epochKey);
      for (const key of indexKeys(revoked)) {
        const hashes = await redis.smembers(index(key));
        await redis.del(index(key), ...hashes.map(entry));
      }
    },
  };
}

/** One process's cache (no Redis): revocations reach it through the in-process event bus. */
export function memoryCredentialCache(): CredentialCache {
  const entries = new Map<string, { value: CachedVerification; expires: number }>();
  const indexes = new Map<string, Set<string>>();
  let epoch = 0;
  return {
    async get(tokenHash) {
      const found = entries.get(tokenHash);
      if (found && found.expires > Date.now()) return { hit: found.value, epoch: String(epoch) };
      entries.delete(tokenHash);
      return { hit: undefined, epoch: String(epoch) };
    },
    async set(tokenHash, value, ttlMs, seen) {
      if (seen !== String(epoch)) return;
      entries.set(tokenHash, { value, expires: Date.now() + ttlMs });
      for (const key of indexKeysOf(value)) {
        if (!indexes.has(key)) indexes.set(key, new Set());
        indexes.get(key)!.add(tokenHash);
      }
      // Bounded: a flood of distinct bogus tokens cannot grow it without end.
      if (entries.size > 50_000) for (const [hash, e] of entries) if (e.expires <= Date.now()) entries.delete(hash);
    },
    async revoke(revoked) {
      epoch++;
      for (const key of indexKeys(revoked)) {
        for (const hash of indexes.get(key) ?? []) entries.delete(hash);
        indexes.delete(key);
      }
    },
  };
}
