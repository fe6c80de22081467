import { createHash } from 'node:crypto';
import {
  ANONYMOUS,
  AUTHENTICATE_PATH,
  ErrorCode,
  IDENTITY_HEADER,
  signIdentity,
  unauthenticated,
  type Identity,
  type Logger,
  type VerifiedCredential,
} from '@sixfold/kit';
import { GraphQLError } from 'graphql';
import type { CredentialCache } from './credential-cache.js';
import type { RateLimiter } from './rate-limit.js';

/** How the gateway asks tenancy who a token is: its identity, signed like any other service's. */
const GATEWAY_SERVICE: Identity = Object.freeze({ kind: 'service', userId: null, organizationIds: [], roles: ['gateway'], scopes: [] }) as Identity;
/** Identity tokens live 5 minutes; re-sign well before. */
const SERVICE_TOKEN_REUSE_MS = 60_000;

export interface TokenAuthenticatorOptions {
  /** Tenancy's base URL, e.g. http://127.0.0.1:4003. */
  tenancyUrl: string;
  identitySecret: string;
  cache: CredentialCache;
  limiter: RateLimiter;
  /** How long a verification is trusted without asking tenancy again (revocations act sooner). */
  cacheTtlMs: number;
  logger: Logger;
}

/**
 * `Authorization: Bearer <API key or session token>` → the caller's identity; no header →
 * anonymous. Every request is then counted against its rate limit, before any subgraph sees it;
 * only the check of a token not in the cache comes first, itself limited per address.
 */
export class TokenAuthenticator {
  #serviceToken?: { value: Promise<string>; signedAt: number };

  constructor(private readonly options: TokenAuthenticatorOptions) {}

  async authenticate(request: { authorization: string | undefined; clientAddress: string }): Promise<Identity> {
    const token = bearerToken(request.authorization);
    if (token === undefined) {
      await this.options.limiter.consume({ kind: 'anonymous', clientAddress: request.clientAddress });
      return ANONYMOUS;
    }
    const credential = await this.#verify(token, request.clientAddress);
    await this.options.limiter.consume({ kind: 'credential', credential });
    return {
      kind: 'user',
      userId: credential.userId,
      organizationIds: credential.organizationIds,
      roles: credential.roles,
      scopes: credential.scopes,
      credentialId: credential.credentialId,
    };
  }

  async #verify(token: string, clientAddress: string): Promise<VerifiedCredential> {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const { hit, epoch } = await this.options.cache.get(tokenHash);
    if (hit) {
      if ('invalid' in hit) throw invalidCredential();
      return hit.credential;
    }
    const credential = await this.options.limiter.verifyCredential(clientAddress, () => this.#askTenancy(token));
    if (!credential) {
      // Remembering a miss spares the slow hash check when a bad token is sent again and again.
      await this.options.cache.set(tokenHash, { invalid: true }, this.options.cacheTtlMs, epoch);
      throw invalidCredential();
    }
    const untilExpiry = credential.expiresAt ? Date.parse(credential.expiresAt) - Date.now() : Infinity;
    const ttl = Math.min(this.options.cacheTtlMs, untilExpiry);
    if (ttl > 0) await this.options.cache.set(tokenHash, { credential }, Math.ceil(ttl), epoch);
    return credential;
  }

  async #askTenancy(token: string): Promise<VerifiedCredential | null> {
    let response: Response;
    try {
      response = await fetch(new URL(AUTHENTICATE_PATH, this.options.tenancyUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await this.#signedService() },
        body: JSON.stringify({ token }),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'tenancy unreachable for authentication');
      throw authenticationUnavailable();
    }
    if (response.status === 401 || response.status === 400) return null;
    if (!response.ok) {
      this.options.logger.warn({ status: response.status }, 'tenancy could not authenticate a credential');
      throw authenticationUnavailable();
    }
    return (await response.json()) as VerifiedCredential;
  }

  #signedService(): Promise<string> {
    const now = Date.now();
    if (!this.#serviceToken || now - this.#serviceToken.signedAt > SERVICE_TOKEN_REUSE_MS) {
      this.#serviceToken = { value: signIdentity(GATEWAY_SERVICE, this.options.identitySecret), signedAt: now };
    }
    return this.#serviceToken.value;
  }
}

/** The token of an `Authorization: Bearer …` header; undefined without one; UNAUTHENTICATED for any other scheme. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <API key or session token>"');
  return match[1];
}

const invalidCredential = () => unauthenticated('Invalid, expired or revoked credential');

const authenticationUnavailable = () =>
  new GraphQLError('Authentication is unavailable right now; retry shortly', {
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: 'tenancy', http: { status: 503 } },
  });
