import stableStringify from 'fast-json-stable-stringify';
import { LRUCache } from 'lru-cache';
import { IDENTITY_TTL_SECONDS, signIdentity, type Identity } from '@sixfold/kit';

/**
 * What makes two callers interchangeable for a subgraph: the same identity in every field it can
 * see. Subscriptions with the same key may share one upstream; anonymous callers all share one.
 */
export function identityKey(identity: Identity): string {
  if (identity.kind === 'anonymous') return 'anonymous';
  return stableStringify({
    kind: identity.kind,
    userId: identity.userId,
    organizationIds: [...identity.organizationIds].sort(),
    roles: [...identity.roles].sort(),
    scopes: [...identity.scopes].sort(),
    credentialId: identity.credentialId ?? null,
  });
}

/**
 * Signed identities for subscriptions, which outlive the short-lived signature: each identity's
 * token is reused for half its lifetime, then signed anew, so every entity fetch and every
 * upstream (re)connection carries one that is still valid.
 */
export class IdentitySigner {
  readonly #tokens: LRUCache<string, Promise<string>>;

  constructor(
    private readonly secret: string,
    refreshAfterMs = (IDENTITY_TTL_SECONDS * 1_000) / 2,
  ) {
    this.#tokens = new LRUCache({ max: 10_000, ttl: refreshAfterMs });
  }

  token(identity: Identity): Promise<string> {
    const key = identityKey(identity);
    let token = this.#tokens.get(key);
    if (!token) {
      token = signIdentity(identity, this.secret);
      this.#tokens.set(key, token);
      token.catch(() => this.#tokens.delete(key));
    }
    return token;
  }
}
