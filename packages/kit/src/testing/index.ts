/**
 * Helpers for a domain's own tests: start one subgraph against the run's database and query it
 * directly, as the gateway would, with a signed identity. (End-to-end tests use test/support.)
 */
import { createEventBus, type EventBus } from '../events.js';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity, type Identity } from '../identity.js';
import { createLogger } from '../logger.js';
import type { SubgraphContext } from '../server/context.js';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../server/subgraph.js';

export interface TestSubgraph extends RunningSubgraph {
  bus: EventBus;
  /** Sends an operation as `identity` (default anonymous), signed like the gateway does. */
  query<T = Record<string, any>>(document: string, variables?: Record<string, unknown>, identity?: Identity): Promise<{ data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> }>;
  /** SQL statements sent since the last reset. */
  statements: { reset(): void; count(): number; list(): string[] };
}

export interface TestSubgraphOptions {
  /** The primary; default the run's database. */
  databaseUrl?: string;
  /**
   * Where queries read (DATABASE_READ_URL); null for no replica. Default the primary itself:
   * queries then run read-only as on a real replica, so a Query field that writes without being
   * declared in `queriesThatWrite` fails its domain's tests.
   */
  databaseReadUrl?: string | null;
}

export const ADMIN: Identity = { kind: 'user', userId: '00000000-0000-4000-8000-000000000001', organizationIds: [], roles: ['admin'], scopes: [] };

export async function startTestSubgraph<Tx, Ctx extends SubgraphContext<Tx>>(definition: SubgraphDefinition<Tx, Ctx>, options: TestSubgraphOptions = {}): Promise<TestSubgraph> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const bus = createEventBus({ redisUrl: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX ?? 'sixfold_test:', logger });
  const statements: string[] = [];
  const secret = process.env.IDENTITY_SECRET!;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL!;
  const running = await startSubgraph(definition, {
    port: 0,
    databaseUrl,
    databaseReadUrl: options.databaseReadUrl === null ? undefined : (options.databaseReadUrl ?? databaseUrl),
    redisUrl: process.env.REDIS_URL,
    redisPrefix: process.env.REDIS_PREFIX ?? 'sixfold_test:',
    identitySecret: secret,
    bus,
    logger,
    poolMax: 5,
    connectTimeoutMs: 5_000,
    transactionTimeoutMs: 15_000,
    onQuery: (sql) => statements.push(sql),
  });
  return {
    ...running,
    bus,
    async query(document, variables = {}, identity = ANONYMOUS) {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(identity, secret) },
        body: JSON.stringify({ query: document, variables }),
      });
      return (await response.json()) as never;
    },
    statements: { reset: () => void statements.splice(0), count: () => statements.length, list: () => [...statements] },
    async stop() {
      await running.stop();
      await bus.close();
    },
  };
}

export { startRedisServer, type TestRedisServer } from './redis-server.js';
