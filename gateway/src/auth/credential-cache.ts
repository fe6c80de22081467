import type { CredentialsRevoked, Logger, Redis, VerifiedCredential } from '@sixfold/kit';

/** A verification result worth remembering briefly: who the token is, or that it is no one. */
export type CachedVerification = { credential: VerifiedCredential } | { invalid: true };

/**
 * Verified bearer tokens, keyed by a SHA-256 of the token (never the token), for a few seconds.
 * Each entry is also indexed by its credential and user, so a revocation drops every entry it
 * concerns at once, on every gateway sharing the cache.
 */
export interface CredentialCache {
  get(tokenHash: string): Promise<CachedVerification | undefined>;
  set(tokenHash: string, value: CachedVerification, ttlMs: number): Promise<void>;
  revoke(revoked: CredentialsRevoked): Promise<void>;
}

const indexKeys = (revoked: CredentialsRevoked) => [
  ...(revoked.credentialIds ?? []).map((id) => `credential:${id}`),
  ...(revoked.userIds ?? []).map((id) => `user:${id}`),
];
const indexKeysOf = (value: CachedVerification) =>
  'credential' in value ? [`credential:${value.credential.credentialId}`, `user:${value.credential.userId}`] : [];

/** Shared by every gateway on one Redis: a revocation handled by any of them holds for all. */
export function redisCredentialCache(redis: Redis, prefix: string, logger: Logger): CredentialCache {
  const entry = (tokenHash: string) => `${prefix}auth:token:${tokenHash}`;
  const index = (key: string) => `${prefix}auth:index:${key}`;
  return {
    async get(tokenHash) {
      try {
        const raw = await redis.get(entry(tokenHash));
        return raw ? (JSON.parse(raw) as CachedVerification) : undefined;
      } catch (error) {
        // Without the cache every request is verified afresh: slower, never wrong.
        logger.warn({ err: (error as Error).message }, 'credential cache unavailable');
        return undefined;
      }
    },
    async set(tokenHash, value, ttlMs) {
      const multi = redis.multi().set(entry(tokenHash), JSON.stringify(value), 'PX', ttlMs);
      for (const key of indexKeysOf(value)) multi.sadd(index(key), tokenHash).pexpire(index(key), ttlMs * 2);
      await multi.exec().catch((error: Error) => logger.warn({ err: error.message }, 'could not cache a verified credential'));
    },
    async revoke(revoked) {
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
  return {
    async get(tokenHash) {
      const found = entries.get(tokenHash);
      if (found && found.expires > Date.now()) return found.value;
      entries.delete(tokenHash);
      return undefined;
    },
    async set(tokenHash, value, ttlMs) {
      entries.set(tokenHash, { value, expires: Date.now() + ttlMs });
      for (const key of indexKeysOf(value)) {
        if (!indexes.has(key)) indexes.set(key, new Set());
        indexes.get(key)!.add(tokenHash);
      }
      // Bounded: a flood of distinct bogus tokens cannot grow it without end.
      if (entries.size > 50_000) for (const [hash, e] of entries) if (e.expires <= Date.now()) entries.delete(hash);
    },
    async revoke(revoked) {
      for (const key of indexKeys(revoked)) {
        for (const hash of indexes.get(key) ?? []) entries.delete(hash);
        indexes.delete(key);
      }
    },
  };
}
