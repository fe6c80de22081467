/**
 * The shape and hashing of every secret tenancy hands out. Used by the subgraph and by the demo
 * seed (which creates the demo API keys), so both agree on one format.
 *
 * - Passwords and API-key secrets: argon2id (@node-rs/argon2 defaults: 19 MiB, 2 passes, the
 *   OWASP recommendation). Slow by design; the gateway caches verified credentials briefly.
 * - API keys read `sfk_<key id>_<secret>`: the id finds the row, the secret is checked against
 *   its hash, so a lookup never scans hashes.
 * - Session tokens read `sfs_<secret>` and are stored as SHA-256: 256 random bits need no slow
 *   hash, and the digest is the lookup key (seed 001 indexes sessions.token_hash).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const API_KEY_PATTERN = /^sfk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const SESSION_TOKEN_PATTERN = /^sfs_[A-Za-z0-9_-]{43}$/;

const randomSecret = () => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): Promise<string> => hash(secret);

/** True when `secret` matches `hashed`; false (never an exception) for a malformed hash. */
export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
}

/**
 * A hash of nothing anyone knows: verifying against it when there is no real hash (unknown
 * email, unknown key id) takes as long as a real check, so response times do not tell them apart.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hash(randomSecret()));

export interface NewApiKey {
  /** What the caller sees once: `sfk_<id>_<secret>`. */
  token: string;
  keyHash: string;
  /** Shown in listings to tell keys apart: `sfk_<first 8 of the id>`. */
  keyPrefix: string;
}

export async function newApiKey(id: string): Promise<NewApiKey> {
  const compactId = id.replace(/-/g, '').toLowerCase();
  const secret = randomSecret();
  return { token: `sfk_${compactId}_${secret}`, keyHash: await hashSecret(secret), keyPrefix: `sfk_${compactId.slice(0, 8)}` };
}

export type ParsedToken = { kind: 'apiKey'; keyId: string; secret: string } | { kind: 'session'; tokenHash: string };

/** Recognises a bearer token's kind without touching the database; undefined when it is neither. */
export function parseToken(token: string): ParsedToken | undefined {
  const apiKey = API_KEY_PATTERN.exec(token);
  if (apiKey) {
    const hex = apiKey[1]!;
    const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { kind: 'apiKey', keyId, secret: apiKey[2]! };
  }
  if (SESSION_TOKEN_PATTERN.test(token)) return { kind: 'session', tokenHash: sessionTokenHash(token) };
  return undefined;
}

export const newSessionToken = () => `sfs_${randomSecret()}`;

export const sessionTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
