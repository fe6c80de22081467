/**
 * The agreement between the gateway, which authenticates requests, and the tenancy subgraph,
 * which owns credentials. The gateway never reads tenancy's tables: it asks tenancy's internal
 * endpoint who a bearer token stands for, caches the answer briefly, and drops it when tenancy
 * says the credential changed.
 */

/** POST `{ token }` here with a service identity; 200 `VerifiedCredential`, or 401 for anything else. */
export const AUTHENTICATE_PATH = '/internal/authenticate';

/** What a valid bearer token stands for at the moment it was verified. */
export interface VerifiedCredential {
  userId: string;
  /** Organizations the user is an active member of. */
  organizationIds: string[];
  /** Global roles (unexpired `auth.user_roles`), e.g. `admin`. */
  roles: string[];
  /** API-key scopes; empty for sessions. */
  scopes: string[];
  /** `apikey:<id>` or `session:<id>`: what revocation names. */
  credentialId: string;
  /** Requests per rate-limit window the credential allows; null: the gateway's default for its kind. */
  rateLimit: number | null;
  /** ISO time after which the credential is no longer valid, if it expires. */
  expiresAt: string | null;
}

/**
 * Published on the event bus when cached verifications may be wrong: a key revoked, a session
 * ended, a membership or role changed. Gateways drop every cached credential it names at once.
 */
export const CREDENTIALS_REVOKED_TOPIC = 'tenancy.credentialsRevoked';

export interface CredentialsRevoked {
  credentialIds?: string[];
  /** Every credential of these users. */
  userIds?: string[];
}
