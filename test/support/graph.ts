/**
 * Boots the whole graph in-process for an end-to-end test, against the run's own database and
 * Redis prefix (see global-setup.mjs), on ports the OS picks.
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '@sixfold/kit';
import { loadSupergraph, DEFAULT_SUPERGRAPH_PATH } from '@sixfold/gateway';
import { startGraph, type GraphOptions, type RunningGraph } from '@sixfold/launcher';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface TestGraph {
  url: string;
  running: RunningGraph;
  /** Sends an operation to the gateway, optionally with `Authorization: Bearer <token>`. */
  query<T = Record<string, any>>(document: string, variables?: Record<string, unknown>, options?: { token?: string }): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph sent since the last reset. */
  statements: { reset(): void; count(subgraph?: string): number; list(subgraph?: string): string[] };
  stop(): Promise<void>;
}

export const env = () => ({
  databaseUrl: process.env.DATABASE_URL!,
  redisUrl: process.env.REDIS_URL!,
  redisPrefix: process.env.REDIS_PREFIX!,
  identitySecret: process.env.IDENTITY_SECRET!,
});

/** Secrets the run's demo seed printed (the demo admin API key, once tenancy seeds it). */
export const seedSecrets = (): Record<string, string> => JSON.parse(process.env.SIXFOLD_TEST_SECRETS ?? '{}');

export async function bootGraph(options: Partial<GraphOptions> = {}): Promise<TestGraph> {
  const statements: Array<{ subgraph: string; sql: string }> = [];
  const running = await startGraph({
    ...env(),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    supergraphSdl: loadSupergraph(DEFAULT_SUPERGRAPH_PATH),
    port: 0,
    ephemeralPorts: true,
    onQuery: (subgraph, sql) => statements.push({ subgraph, sql }),
    // Every e2e file of a run shares one Redis prefix and one client address: real limits here
    // would make tests depend on each other. test/e2e/rate-limit.test.ts sets its own.
    rateLimits: { anonymousPerWindow: 1_000_000, sessionPerWindow: 1_000_000 },
    ...options,
  });
  const url = running.gateway.url;
  return {
    url,
    running,
    async query(document, variables = {}, { token } = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: document, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    statements: {
      reset: () => void statements.splice(0),
      count: (subgraph) => statements.filter((s) => !subgraph || s.subgraph === subgraph).length,
      list: (subgraph) => statements.filter((s) => !subgraph || s.subgraph === subgraph).map((s) => s.sql),
    },
    stop: () => running.stop(),
  };
}

/** A contract operation (test/contract/<name>.graphql, a copy of the shared contract). */
export const contractOperation = (name: string) => readFileSync(new URL(`../contract/${name}.graphql`, import.meta.url), 'utf8');
