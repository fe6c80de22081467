/**
 * What the kit needs of a Prisma client, on plain pg: kit tests start subgraphs and request
 * transactions with it, depending on no domain's generated client. `createPrismaClient`
 * constructs it with its driver adapter, as it would a real client, so the pool settings
 * (size, application name) are the kit's own.
 */
import type { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

/** The transaction client: raw SQL, as a domain's `$queryRawUnsafe`, or pg's own `query`. */
export interface StandInTx {
  query(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  $queryRawUnsafe<T = Record<string, unknown>>(sql: string, ...values: unknown[]): Promise<T[]>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

export class PgPrismaStandIn {
  readonly #pool: Promise<pg.Pool>;
  readonly #dispose: () => Promise<void>;

  /** From the kit's factory (`{ adapter }`), or on a pool the test owns (`{ pool }`). */
  constructor(options: { adapter: PrismaPg } | { pool: pg.Pool }) {
    if ('pool' in options) {
      this.#pool = Promise.resolve(options.pool);
      this.#dispose = async () => {};
    } else {
      const driver = options.adapter.connect();
      this.#pool = driver.then((d) => d.underlyingDriver());
      this.#dispose = async () => (await driver).dispose();
    }
  }

  $on(): void {}

  async $transaction<R>(fn: (tx: StandInTx) => Promise<R>): Promise<R> {
    const client = await (await this.#pool).connect();
    const tx: StandInTx = {
      query: (sql, values) => client.query(sql, values),
      $queryRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rows,
      $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount ?? 0,
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  $disconnect(): Promise<void> {
    return this.#dispose();
  }
}
