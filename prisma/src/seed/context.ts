import { Faker, en } from '@faker-js/faker';
import type pg from 'pg';

/** Ids one domain's seed hands to the domains seeded after it (cross-domain links are ids only). */
export interface SharedSeedData {
  /** Every demo user (tenancy). The first few are the well-known demo accounts of the README. */
  users: Array<{ id: string; email: string; displayName: string; organizationIds: string[] }>;
  /** The demo admin (tenancy), who may see everything. */
  adminUserId?: string;
  organizations: Array<{ id: string; slug: string; name: string; memberIds: string[] }>;
  providers: Array<{ id: string; slug: string }>;
  models: Array<{ id: string; slug: string; providerId: string }>;
  /** Regions probes report from and endpoints serve. */
  regions: string[];
}

export interface SeedContext {
  client: pg.PoolClient | pg.Client;
  /** Multiplies row counts: 1 is the demo; benchmarks use more. */
  scale: number;
  shared: SharedSeedData;
  /** A Faker seeded from the domain's name: the same data every run, independent of other domains. */
  faker(domain: string): Faker;
  progress(domain: string, table: string, done: number, total: number): void;
  /** Secrets a seed creates that the operator must see once (the demo admin API key). */
  secrets: Record<string, string>;
}

export interface DomainSeed {
  domain: string;
  /** Tables the seed fills, in an order safe to truncate together. */
  tables: string[];
  seed(ctx: SeedContext): Promise<void>;
}

export function seededFaker(name: string): Faker {
  const faker = new Faker({ locale: [en] });
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  faker.seed(Math.abs(hash));
  return faker;
}

type Row = Record<string, unknown>;

/**
 * Inserts rows with multi-row INSERTs (as many rows per statement as Postgres' parameter limit
 * allows), reporting progress. Columns are the keys of the first row, which are SQL column names.
 */
export async function insertRows(ctx: SeedContext, domain: string, table: string, rows: Row[], options: { onConflict?: string } = {}): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${columns.map((column) => `$${values.push(toParam(row[column]))}`).join(', ')})`);
    await ctx.client.query(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')} ${options.onConflict ?? ''}`,
      values,
    );
    ctx.progress(domain, table, Math.min(start + perStatement, rows.length), rows.length);
  }
}

/** pg sends JS arrays as Postgres arrays; JSON columns need objects (and arrays of objects) stringified. */
function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (typeof (value as { toPostgres?: unknown }).toPostgres === 'function') return value; // json(): pg serialises it
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value;
  return JSON.stringify(value);
}

/** Wraps a value meant for a jsonb column that is a plain array (`["us-east"]`), which pg would otherwise send as a Postgres array. */
export const json = (value: unknown) => ({ toPostgres: () => JSON.stringify(value) });
