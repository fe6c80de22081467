import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * Who a request acts for. The gateway establishes it (from an API key or session token) and
 * hands it to subgraphs signed, so a subgraph port reached directly cannot be talked into
 * acting for anyone.
 */
export interface Identity {
  /** `anonymous` sees only public data. */
  kind: 'anonymous' | 'user' | 'service';
  userId: string | null;
  organizationIds: string[];
  /** Global roles such as `admin`. */
  roles: string[];
  /** API-key scopes (`read`, `write`, `admin`, …); empty for session logins, which have all of their user's rights. */
  scopes: string[];
  /** The API key or session the identity came from, for auditing and revocation. */
  credentialId?: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ kind: 'anonymous', userId: null, organizationIds: [], roles: [], scopes: [] }) as Identity;

/** HTTP header (and graphql-ws connection parameter) carrying the signed identity. */
export const IDENTITY_HEADER = 'x-sixfold-identity';

/** A request-level refusal: the whole request is rejected with HTTP 401. */
const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

/** The JWT subject of an identity without a user (anonymous callers, services acting for no one). */
const NO_USER_SUBJECT = 'anonymous';
const ISSUER = 'sixfold-gateway';
const AUDIENCE = 'sixfold-subgraph';
/**
 * Short-lived: a stolen header is useless after this. The gateway signs a fresh one per request,
 * and re-signs before this runs out for what outlives a request (subscriptions).
 */
export const IDENTITY_TTL_SECONDS = 300;

const keyCache = new Map<string, Uint8Array>();
const keyOf = (secret: string) => {
  let key = keyCache.get(secret);
  if (!key) keyCache.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
};

export const isAdmin = (identity: Identity) => identity.roles.includes('admin');

export async function signIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({
    knd: identity.kind,
    org: identity.organizationIds,
    rol: identity.roles,
    scp: identity.scopes,
    cid: identity.credentialId ?? null,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.userId ?? NO_USER_SUBJECT)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

/** Verifies a signed identity; throws UNAUTHENTICATED when it is missing, forged or expired. */
export async function verifyIdentity(token: string | undefined | null, secret: string): Promise<Identity> {
  if (!token) throw unauthenticated('Missing identity: requests must come through the gateway');
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const kind = payload.knd as Identity['kind'];
    return {
      kind,
      userId: kind === 'anonymous' || payload.sub === NO_USER_SUBJECT ? null : (payload.sub ?? null),
      organizationIds: (payload.org as string[]) ?? [],
      roles: (payload.rol as string[]) ?? [],
      scopes: (payload.scp as string[]) ?? [],
      credentialId: (payload.cid as string | null) ?? null,
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Identity expired');
    throw unauthenticated('Invalid identity signature');
  }
}
