/**
 * Credential work that cannot run as the caller: logging in and signing up (the caller is
 * anonymous and may see no user) and verifying bearer tokens for the gateway. It runs as the
 * `authenticator` service identity, which row-level security lets read and maintain credentials
 * (users, sessions, API keys, roles, memberships) and nothing else (see migration 003).
 *
 * Each operation is its own short transaction, so a failed log-in still counts against the
 * account even though the request that tried it fails. Password and key checks (argon2, slow on
 * purpose) happen between transactions, never holding a connection.
 */
import { unauthenticated, type Db, type Identity, type VerifiedCredential } from '@sixfold/kit';
import type { TenancyTx } from './context.js';
import { decoyHash, hashSecret, newSessionToken, parseToken, sessionTokenHash, verifySecret } from './credentials.js';
import type { User } from './generated/prisma/client.js';

export const AUTHENTICATOR: Identity = Object.freeze({ kind: 'service', userId: null, organizationIds: [], roles: ['authenticator'], scopes: [] }) as Identity;

/** After this many wrong passwords in a row the account refuses log-ins for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_DAYS = 30;

/** One message for every log-in failure: which part was wrong is nobody's business. */
const INVALID_LOGIN = 'Invalid email or password';

export interface LogInResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export class AuthService {
  constructor(private readonly db: Db<TenancyTx>) {}

  /** Who a bearer token stands for right now, or null for anything not a valid credential. */
  async verify(token: string): Promise<VerifiedCredential | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const now = new Date();
    if (parsed.kind === 'apiKey') {
      const key = await this.db.run((tx) => tx.apiKey.findUnique({ where: { id: parsed.keyId } }));
      const usable = key !== null && key.isActive && !key.revokedAt && (!key.expiresAt || key.expiresAt > now);
      // Checked even when the key is unusable, so timing does not tell which keys exist.
      const matches = await verifySecret(usable ? key.keyHash : await decoyHash(), parsed.secret);
      if (!usable || !matches) return null;
      return this.#credentialOf(key.userId, { credentialId: `apikey:${key.id}`, scopes: key.scopes, rateLimit: key.rateLimit, expiresAt: key.expiresAt }, (tx) =>
        tx.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }),
      );
    }
    const session = await this.db.run((tx) => tx.session.findUnique({ where: { tokenHash: parsed.tokenHash } }));
    if (!session || session.expiresAt <= now) return null;
    return this.#credentialOf(session.userId, { credentialId: `session:${session.id}`, scopes: [], rateLimit: null, expiresAt: session.expiresAt }, (tx) =>
      tx.session.update({ where: { id: session.id }, data: { lastActivityAt: now } }),
    );
  }

  /** The user's current roles and organizations, recording that the credential was used. */
  async #credentialOf(
    userId: string,
    credential: { credentialId: string; scopes: string[]; rateLimit: number | null; expiresAt: Date | null },
    touch: (tx: TenancyTx) => Promise<unknown>,
  ): Promise<VerifiedCredential | null> {
    return this.db.run(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (!user || user.status !== 'active' || user.deletedAt) return null;
      const [roles, memberships] = await Promise.all([
        tx.$queryRaw<Array<{ name: string }>>`
          SELECT r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
           WHERE ur.user_id = ${userId}::uuid AND (ur.expires_at IS NULL OR ur.expires_at > now()) ORDER BY r.name`,
        tx.organizationMember.findMany({ where: { userId, status: 'active' }, select: { organizationId: true }, orderBy: { organizationId: 'asc' } }),
        touch(tx),
      ]);
      return {
        userId,
        organizationIds: memberships.map((m) => m.organizationId),
        roles: roles.map((r) => r.name),
        scopes: credential.scopes,
        credentialId: credential.credentialId,
        rateLimit: credential.rateLimit,
        expiresAt: credential.expiresAt?.toISOString() ?? null,
      };
    });
  }

  /**
   * Checks a password and opens a session. Unknown address, wrong password, locked or inactive
   * account: the same UNAUTHENTICATED error after the same amount of hashing work.
   */
  async logIn(input: { email: string; password: string; ipAddress?: string | null; userAgent?: string | null }): Promise<LogInResult> {
    const user = await this.db.run((tx) => tx.user.findUnique({ where: { email: input.email } }));
    const now = new Date();
    const usable = user !== null && user.status === 'active' && !user.deletedAt && !(user.lockedUntil && user.lockedUntil > now);
    const matches = await verifySecret(usable ? user.passwordHash : await decoyHash(), input.password);
    if (!usable || !matches) {
      if (usable) await this.#countFailure(user.id);
      throw unauthenticated(INVALID_LOGIN);
    }
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    const updated = await this.db.run(async (tx) => {
      await tx.session.create({
        data: { userId: user.id, tokenHash: sessionTokenHash(token), expiresAt, ipAddress: input.ipAddress ?? null, userAgent: input.userAgent ?? null },
      });
      return tx.user.update({
        where: { id: user.id },
        data: { failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: input.ipAddress ?? null },
      });
    });
    return { token, expiresAt, user: updated };
  }

  /** One more failure; the one that reaches the limit locks the account and starts a new count. */
  async #countFailure(userId: string): Promise<void> {
    await this.db.run(
      (tx) => tx.$executeRaw`
        UPDATE auth.users
           SET failed_login_attempts = CASE WHEN failed_login_attempts + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE failed_login_attempts + 1 END,
               locked_until = CASE WHEN failed_login_attempts + 1 >= ${MAX_FAILED_LOGINS}
                                   THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE locked_until END
         WHERE id = ${userId}::uuid`,
    );
  }

  /**
   * Creates an account unless the address has one; either way the caller learns nothing (the
   * password is hashed in both cases, so the timing matches too).
   */
  async signUp(input: { email: string; password: string; displayName?: string | null; firstName?: string | null; lastName?: string | null }): Promise<void> {
    const passwordHash = await hashSecret(input.password);
    await this.db.run((tx) =>
      tx.$executeRaw`
        INSERT INTO auth.users (email, password_hash, display_name, first_name, last_name)
        VALUES (${input.email}, ${passwordHash}, ${input.displayName ?? null}, ${input.firstName ?? null}, ${input.lastName ?? null})
        ON CONFLICT (email) DO NOTHING`,
    );
  }
}
