/** Helpers for the observability subgraph's tests: identities, probes, fresh models, a WebSocket client. */
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import type { LiveStatusStore } from '../src/live/store.js';

export { ADMIN } from '@sixfold/kit/testing';

export const PROBE_AGENT: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['probes:write'] };
export const STATUS_EDITOR: Identity = { kind: 'user', userId: randomUUID(), organizationIds: [], roles: [], scopes: ['status:write'] };
export const ANALYTICS_WRITER: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['analytics:write'] };
/** Signed in, but without any of this domain's scopes. */
export const USER: Identity = { kind: 'user', userId: randomUUID(), organizationIds: [], roles: [], scopes: [] };

export const REPORT_PROBES = `mutation ($probes: [StatusProbeInput!]!) {
  reportStatusProbes(probes: $probes) { accepted duplicates statuses { region availability latencyP95 probeCount updatedAt model { id } } }
}`;

export interface ProbeInput {
  modelId: string;
  region: string;
  location: string;
  time: string;
  availability: number;
  errorRate: number;
  [field: string]: unknown;
}

export function probe(modelId: string, overrides: Partial<ProbeInput> = {}): ProbeInput {
  return {
    modelId,
    region: 'us-east',
    location: 'test-agent',
    time: new Date().toISOString(),
    availability: 99.9,
    latencyP50: 200,
    latencyP95: 450,
    latencyP99: 700,
    errorRate: 0.1,
    requestsPerMinute: 1200,
    tokensPerMinute: 480_000,
    ...overrides,
  };
}

/** Runs SQL as the database owner (the way migrations and the seed do), for setup and inspection. */
export async function sql<T extends pg.QueryResultRow = any>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Runs SQL as the subgraph's database role with the identity settings a request sets (admin or
 * not), in a transaction that is rolled back: what row-level security and grants let it do.
 */
export async function asSubgraphRole<T extends pg.QueryResultRow = any>(text: string, values: unknown[] = [], { admin = false } = {}): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('role', 'sixfold_observability', true), set_config('app.is_admin', $1, true)", [admin ? 'on' : 'off']);
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}

/** Monitored models of the test's own, so tests running side by side never touch each other's data. */
export async function freshModels(count: number, providerId: string = randomUUID()): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await sql(
    `INSERT INTO observability.monitored_models (id, slug, provider_id) SELECT id, 'test-' || id, $2 FROM unnest($1::uuid[]) AS id`,
    [ids, providerId],
  );
  return ids;
}

export async function seededModel(slug: string): Promise<{ id: string; providerId: string }> {
  const [row] = await sql<{ id: string; provider_id: string }>('SELECT id, provider_id FROM observability.monitored_models WHERE slug = $1', [slug]);
  if (!row) throw new Error(`no seeded model ${slug}`);
  return { id: row.id, providerId: row.provider_id };
}

/** A graphql-ws client talking to a subgraph directly, as the gateway does: identity in the connection parameters. */
export async function wsClient(httpUrl: string, identity: Identity = ANONYMOUS): Promise<Client> {
  const signed = await signIdentity(identity, process.env.IDENTITY_SECRET!);
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { [IDENTITY_HEADER]: signed },
    retryAttempts: 0,
    lazy: false,
  });
}

/** Subscribes and collects what arrives. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  let notify: (() => void) | undefined;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        else events.push(value.data as T);
        notify?.();
      },
      error: (error) => {
        errors.push(error);
        notify?.();
      },
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    dispose,
    /**
     * graphql-ws does not acknowledge a subscription, and the server registers it with the bus
     * asynchronously. Publishes `sentinel` until one arrives, so the subscription is live, then
     * forgets what arrived.
     */
    async ready(sentinel: () => Promise<unknown>, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0 && errors.length === 0) {
        if (Date.now() > deadline) throw new Error('subscription never became live');
        await sentinel();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
      events.length = 0;
    },
    /** Waits until `count` events arrived (or throws after `timeoutMs`). */
    async next(count = 1, timeoutMs = 5_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && errors.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} events, got ${events.length}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, Math.min(left, 100));
        });
      }
      if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
      return events.slice(0, count);
    },
  };
}

/** Nothing more arrives within `ms` (for asserting that a filter held an event back). */
export const quietFor = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` with a plain Redis client on the run's Redis (for inspecting what the subgraph wrote). */
export async function withRedis<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    return await fn(redis);
  } finally {
    await redis.quit();
  }
}

/** Waits until a live status store can answer (its Redis client connects asynchronously). */
export async function connected<S extends LiveStatusStore>(store: S): Promise<S> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await store.statuses([{ modelId: 'probe', region: 'probe' }])) !== undefined) return store;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the live status store never connected');
}
