import express, { type Express } from 'express';
import { AUTHENTICATE_PATH, IDENTITY_HEADER, verifyIdentity, type Logger } from '@sixfold/kit';
import type { AuthService } from './auth-service.js';

/** Longer than any token tenancy issues; anything longer is not worth hashing. */
const MAX_TOKEN_LENGTH = 512;

/**
 * `POST /internal/authenticate { token }`: the gateway asks who a bearer token stands for.
 * Only callers holding a service identity signed with the shared secret may ask, so this port
 * reached directly answers nobody else.
 */
export function mountInternalRoutes(app: Express, deps: { auth: AuthService; identitySecret: string; logger: Logger }): void {
  app.post(AUTHENTICATE_PATH, express.json({ limit: '4kb' }), async (req, res) => {
    try {
      const caller = await verifyIdentity(req.header(IDENTITY_HEADER), deps.identitySecret);
      if (caller.kind !== 'service') {
        res.status(403).json({ error: 'only services may authenticate credentials' });
        return;
      }
    } catch {
      res.status(401).json({ error: 'missing or invalid service identity' });
      return;
    }
    const token: unknown = req.body?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      res.status(400).json({ error: 'body must be { "token": "<bearer token>" }' });
      return;
    }
    try {
      const credential = await deps.auth.verify(token);
      if (credential) res.json(credential);
      else res.status(401).json({ error: 'invalid credential' });
    } catch (error) {
      deps.logger.error({ err: error }, 'credential verification failed');
      res.status(503).json({ error: 'credential verification unavailable' });
    }
  });
}
