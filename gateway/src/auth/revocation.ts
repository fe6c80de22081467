import type { CredentialsRevoked, Logger } from '@sixfold/kit';
import type { CredentialCache } from './credential-cache.js';

/**
 * Applies tenancy's revocation events to the credential cache as they arrive: a revoked key, an
 * ended session, a removed member or a changed role is refused (or re-verified) from the next
 * request on, not when the cached entry would have expired.
 */
export function followRevocations(
  events: AsyncIterableIterator<CredentialsRevoked>,
  cache: CredentialCache,
  logger: Logger,
): { stop(): Promise<void>; onRevoked(listener: (revoked: CredentialsRevoked) => void): () => void } {
  const listeners = new Set<(revoked: CredentialsRevoked) => void>();
  const done = (async () => {
    for await (const revoked of events) {
      try {
        await cache.revoke(revoked);
      } catch (error) {
        // The cache's own expiry still bounds how long a revoked credential is honoured.
        logger.error({ err: (error as Error).message }, 'could not apply a credential revocation');
      }
      // Long-lived connections authenticated with them (subscriptions) end too. A listener that
      // throws must not end this loop (revocations would stop) nor reject `done` unobserved.
      for (const listener of listeners) {
        try {
          listener(revoked);
        } catch (error) {
          logger.error({ err: error }, 'a revocation listener failed');
        }
      }
    }
  })();
  return {
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await events.return?.();
      await done;
    },
  };
}
