import { z } from 'zod';
import { commonSettings, loadConfig, portSetting } from '@sixfold/kit';
import { DEFAULT_RATE_LIMITS } from './auth/rate-limit.js';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from './datasource.js';

export const gatewaySettings = {
  PORT: portSetting(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: commonSettings.LOG_LEVEL,
  IDENTITY_SECRET: commonSettings.IDENTITY_SECRET,
  REDIS_URL: commonSettings.REDIS_URL,
  REDIS_PREFIX: commonSettings.REDIS_PREFIX,
  /** How long a verified credential is trusted without asking tenancy (revocations act at once). */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.windowSeconds),
  RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.anonymousPerWindow),
  RATE_LIMIT_SESSION: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.sessionPerWindow),
  RATE_LIMIT_API_KEY_WINDOW_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.apiKeyWindowSeconds),
  /** Proxies allowed to report the client's address: a hop count (`1`), `loopback`, or addresses/CIDRs. */
  TRUST_PROXY: z.string().regex(/^[\w.:/, -]*$/, 'a hop count, "loopback", or comma-separated addresses/CIDRs').optional(),
  /** Longest a subgraph may take to answer one fetch. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewaySettings, env);
}

/** `SUBGRAPH_CATALOG_URL=http://catalog:4001/graphql` moves one subgraph (containers, other hosts). */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match || !value) continue;
    if (!/^https?:\/\//.test(value)) throw new Error(`Invalid configuration: ${key} must be an http(s) URL`);
    overrides[match[1]!.toLowerCase()] = value;
  }
  return overrides;
}
