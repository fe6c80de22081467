/**
 * Input rules, checked (with the kit's parseInput) before anything is written. Each failure names
 * the field it is about (BAD_USER_INPUT with `extensions.field`). Lengths follow the columns, so
 * the database never has to refuse a value.
 */
import { scopeDefinition } from '@sixfold/kit';
import { z } from 'zod';

const email = z.string().trim().toLowerCase().max(255, 'must be at most 255 characters').pipe(z.email('is not an email address'));
const password = z.string().min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters');
const optionalName = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();

export const signUpInput = z.object({ email, password, displayName: optionalName(255), firstName: optionalName(100), lastName: optionalName(100) });
export const logInInput = z.object({ email: z.string().trim().toLowerCase().max(255, 'must be at most 255 characters'), password: z.string().max(128, 'must be at most 128 characters') });

/** Requests an hour a key gets unless an admin grants more (the column's default, seed 000). */
export const DEFAULT_API_KEY_RATE_LIMIT = 1_000;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  // A scope no domain understands would be a key that silently does less than its owner meant.
  scopes: z
    .array(z.string().refine((scope) => scopeDefinition(scope) !== undefined, { message: 'is not a scope of this graph: see the apiKeyScopes query' }))
    .max(20, 'at most 20 scopes')
    .nullish(),
  rateLimit: z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').nullish(),
  expiresAt: z.coerce.date().refine((d) => d.getTime() > Date.now(), 'must be in the future').nullish(),
});

export const createOrganizationInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, 'lower-case letters, digits and dashes, at most 100'),
  description: z.string().max(5_000, 'must be at most 5000 characters').nullish(),
});

export const inviteMemberInput = z.object({ email, role: z.enum(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER']).nullish() });

export const addCommentInput = z.object({
  content: z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters'),
  mentions: z.array(z.uuid('is not a valid id')).max(50, 'at most 50 people').nullish(),
});
