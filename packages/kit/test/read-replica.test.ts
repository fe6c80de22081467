/**
 * Read-replica routing against a real PostgreSQL. The "primary" and the "replica" are two
 * databases of their own, each with one row naming itself, so every answer says where it was read.
 * A pg-backed stand-in for a generated Prisma client (on the pool of the real PrismaPg adapter
 * the kit builds) keeps this test independent of any domain.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-tag';
import pg from 'pg';
import { createPrismaClient } from '../src/db/prisma.js';
import { RequestDb } from '../src/db/request-db.js';
import { createEventBus } from '../src/events.js';
import { ANONYMOUS } from '../src/identity.js';
import { createLogger } from '../src/logger.js';
import type { SubgraphContext } from '../src/server/context.js';
import { startSubgraph, type SubgraphDefinition } from '../src/server/subgraph.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { PgPrismaStandIn, type StandInTx } from './support/pg-prisma-stand-in.js';

type Tx = StandInTx;

const ROLE = 'sixfold_catalog';
const server = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databases = { primary: `sixfold_rr_primary_${suffix}`, replica: `sixfold_rr_replica_${suffix}` };
const urlOf = (database: string) => Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${database}` }).toString();

/** Runs SQL in one of the two databases as the superuser. */
async function inDatabase<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const origin = (tx: Tx) => tx.$queryRawUnsafe<{ origin: string }>('SELECT origin FROM public.place').then(([row]) => row!.origin);
/** Writes, then says where it wrote. */
const visit = (tx: Tx) => tx.$queryRawUnsafe<{ origin: string }>('UPDATE public.place SET visits = visits + 1 RETURNING origin').then(([row]) => row!.origin);

const definition: SubgraphDefinition<Tx, SubgraphContext<Tx>> = {
  name: 'replica-probe',
  defaultPort: 0,
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      origin: String!
      "Writes, and is declared in queriesThatWrite."
      recordVisit: String!
      "Writes without being declared: a bug the read-only replica transaction must catch."
      undeclaredVisit: String!
    }
    type Mutation {
      visit: String!
    }
    type Place @key(fields: "id") {
      id: ID!
      origin: String!
    }
  `,
  resolvers: {
    Query: {
      origin: (_: unknown, __: unknown, ctx: SubgraphContext<Tx>) => ctx.db.run(origin),
      recordVisit: (_: unknown, __: unknown, ctx: SubgraphContext<Tx>) => ctx.db.run(visit),
      undeclaredVisit: (_: unknown, __: unknown, ctx: SubgraphContext<Tx>) => ctx.db.run(visit),
    },
    Mutation: {
      visit: (_: unknown, __: unknown, ctx: SubgraphContext<Tx>) => ctx.db.run(visit),
    },
    Place: {
      __resolveReference: ({ id }: { id: string }, ctx: SubgraphContext<Tx>) => ctx.db.run(async (tx) => ({ id, origin: await origin(tx) })),
    },
  } as never,
  dbRole: ROLE,
  queriesThatWrite: ['recordVisit'],
  PrismaClient: PgPrismaStandIn as never,
  createContext: (base) => base,
};

const visits = async () => {
  const counts: Record<string, number> = {};
  for (const [name, database] of Object.entries(databases)) {
    const [row] = await inDatabase<{ visits: number }>(database, 'SELECT visits FROM public.place');
    counts[name] = row!.visits;
  }
  return counts;
};

let subgraph: TestSubgraph;

beforeAll(async () => {
  for (const [name, database] of Object.entries(databases)) {
    await server.query(`CREATE DATABASE ${database}`);
    await inDatabase(
      database,
      `CREATE TABLE public.place (origin text NOT NULL, visits int NOT NULL DEFAULT 0);
       INSERT INTO public.place (origin) VALUES ('${name}');
       GRANT SELECT, UPDATE ON public.place TO ${ROLE};`,
    );
  }
  subgraph = await startTestSubgraph(definition, { databaseUrl: urlOf(databases.primary), databaseReadUrl: urlOf(databases.replica) });
});

afterAll(async () => {
  await subgraph?.stop();
  for (const database of Object.values(databases)) await server.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await server.end();
});

describe('read-replica routing', () => {
  it('reads queries from the replica and writes mutations to the primary', async () => {
    const before = await visits();
    expect((await subgraph.query('{ origin }')).data).toEqual({ origin: 'replica' });
    expect((await subgraph.query('mutation { visit }')).data).toEqual({ visit: 'primary' });
    expect(await visits()).toEqual({ primary: before.primary! + 1, replica: before.replica });
  });

  it('runs a query selecting a declared writing field on the primary, all of it, fragments included', async () => {
    const before = await visits();
    expect((await subgraph.query('{ origin recordVisit }')).data).toEqual({ origin: 'primary', recordVisit: 'primary' });
    expect((await subgraph.query('query { ...Visit } fragment Visit on Query { ... on Query { recordVisit } }')).data).toEqual({ recordVisit: 'primary' });
    expect(await visits()).toEqual({ primary: before.primary! + 2, replica: before.replica });
  });

  it('reads entities from the replica', async () => {
    const res = await subgraph.query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Place { origin } } }', { r: [{ __typename: 'Place', id: '1' }] });
    expect(res.data).toEqual({ _entities: [{ origin: 'replica' }] });
  });

  it('refuses an undeclared write in a query: the replica transaction is read only', async () => {
    const before = await visits();
    const res = await subgraph.query('{ undeclaredVisit }');
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await visits()).toEqual(before);

    // What the log says, seen from the request's transaction itself. The reader here is the
    // primary: read only holds even where the replica URL names the primary.
    const reader = createPrismaClient(PgPrismaStandIn, { url: urlOf(databases.primary), poolMax: 1, connectTimeoutMs: 5_000, applicationName: 'read-replica-test' });
    try {
      const db = new RequestDb<Tx>(reader, { role: ROLE, identity: ANONYMOUS, timeoutMs: 5_000 }, reader);
      db.readFromReplica();
      await expect(db.run(visit)).rejects.toThrow('cannot execute UPDATE in a read-only transaction');
      await db.finish(true);
    } finally {
      await reader.$disconnect();
    }
    expect(await visits()).toEqual(before);
  });

  it('without a replica runs queries on the primary, writable, as before', async () => {
    const alone = await startTestSubgraph(definition, { databaseUrl: urlOf(databases.primary), databaseReadUrl: null });
    try {
      expect((await alone.query('{ origin undeclaredVisit }')).data).toEqual({ origin: 'primary', undeclaredVisit: 'primary' });
    } finally {
      await alone.stop();
    }
  });

  it('closes the replica pool when the subgraph stops', async () => {
    const probe = await startTestSubgraph({ ...definition, name: 'replica-probe-closing' }, { databaseUrl: urlOf(databases.primary), databaseReadUrl: urlOf(databases.replica) });
    const connections = async () =>
      (await server.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sixfold-replica-probe-closing-reader'")).rows[0]!.n;
    try {
      expect((await probe.query('{ origin }')).data).toEqual({ origin: 'replica' });
      expect(await connections()).toBeGreaterThan(0);
    } finally {
      await probe.stop();
    }
    // A closed connection's server process ends a moment after the client hung up.
    for (let i = 0; i < 50 && (await connections()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await connections()).toBe(0);
  });

  it('refuses to start when queriesThatWrite names no Query field', async () => {
    const logger = createLogger('silent');
    const start = startSubgraph(
      { ...definition, queriesThatWrite: ['recordVisits'] },
      { port: 0, databaseUrl: urlOf(databases.primary), identitySecret: 'x'.repeat(32), bus: createEventBus({ prefix: 'test:', logger }), logger, poolMax: 1, connectTimeoutMs: 5_000, transactionTimeoutMs: 5_000 },
    );
    await expect(start).rejects.toThrow('replica-probe: queriesThatWrite names recordVisits, which is not a Query field');
  });
});
