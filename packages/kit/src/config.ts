import { z } from 'zod';

/**
 * Settings every process of the graph understands. Each process extends this with its own
 * and validates once at start-up, so a bad value stops the process with one line naming it.
 */
export const commonSettings = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  /** A read replica of DATABASE_URL: GraphQL queries read from it (unset: everything uses DATABASE_URL). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix for every Redis key and channel, so several deployments or test runs can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]*$/, 'letters, digits, ":", "." and "-" only').default('sixfold:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shared secret the gateway signs identities with and subgraphs verify them with. */
  IDENTITY_SECRET: z.string().min(32, 'must be at least 32 characters'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Longest a request may hold its database transaction open. */
  DB_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
} as const;

export const portSetting = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses `env` against `shape`. Throws a ConfigError whose message is one line naming the
 * first bad variable and what is wrong with it.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join('.') || '(environment)';
  const value = env[name];
  const reason = value === undefined || value === '' ? 'is required but not set' : issue.message;
  throw new ConfigError(`Invalid configuration: ${name} ${reason}`);
}
