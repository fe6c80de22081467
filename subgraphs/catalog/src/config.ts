import { z } from 'zod';

/** The catalog's own settings (beside the common ones every process has). */
export const catalogSettings = {
  /** Where the OpenRouter model list comes from (seed 004's upstream). */
  OPENROUTER_MODELS_URL: z.string().regex(/^https?:\/\//, 'must be an http(s) URL').default('https://openrouter.ai/api/v1/models'),
  /** How long to wait for that upstream before giving up. */
  OPENROUTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long the in-memory copy of the model list is served before the database is read again. */
  AI_MODELS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(300),
} as const;
