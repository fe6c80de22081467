/**
 * Subscriptions execute every event with a fresh context: straight through
 * `subscribeWithFreshContexts`, and over graphql-ws against a subgraph started by the kit. The
 * subgraph's "Prisma client" is a small pg-backed stand-in, so that this test depends on no
 * domain's generated client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import DataLoader from 'dataloader';
import { parse, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { gql } from 'graphql-tag';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { ANONYMOUS, EventQueue, IDENTITY_HEADER, requireSignedIn, signIdentity, type Identity, type SubgraphContext, type SubgraphDefinition } from '../src/index.js';
import { subscribeWithFreshContexts } from '../src/server/per-event-context.js';
import { ADMIN, startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { PgPrismaStandIn, type StandInTx } from './support/pg-prisma-stand-in.js';

const TOPIC = 'per-event-context-test.changed';
const TABLE = 'public.per_event_context_test';

type Tx = StandInTx;
type Item = { id: number; value: string };
type Changed = { round: number; id: number };
type Ctx = SubgraphContext<Tx> & { loaders: { itemById: DataLoader<number, Item | undefined> } };


const typeDefs = gql`
  type Item {
    id: Int!
    value: String!
  }
  type Changed {
    round: Int!
    item: Item
  }
  type Subscription {
    changed: Changed!
  }
`;

/** Resolvers whose `subscribe` reads `events` (for signed-in callers only) and whose items come through the context's loader. */
const resolversOver = (events: (ctx: Ctx) => AsyncIterableIterator<Changed>) => ({
  Subscription: {
    changed: {
      subscribe(_: unknown, __: unknown, ctx: Ctx) {
        requireSignedIn(ctx.identity, 'sign in to follow changes');
        return events(ctx);
      },
      resolve: (event: Changed) => event,
    },
  },
  Changed: { item: (event: Changed, _: unknown, ctx: Ctx) => ctx.loaders.itemById.load(event.id) },
});

const createContext = (base: SubgraphContext<Tx>): Ctx => ({
  ...base,
  loaders: {
    itemById: new DataLoader(async (ids: readonly number[]) => {
      const rows = await base.db.run((tx) => tx.$queryRawUnsafe<Item>(`SELECT id, value FROM ${TABLE} WHERE id = ANY($1)`, ids));
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
  },
});

describe('subscribeWithFreshContexts', () => {
  const document = parse('subscription { changed { round } }');
  const schemaOver = (source: AsyncIterableIterator<Changed>, extra = {}) => buildSubgraphSchema([{ typeDefs, resolvers: { ...resolversOver(() => source), ...extra } as never }]);

  it('executes each event with a context of its own, built from the subscription\'s', async () => {
    const source = new EventQueue<Changed>(() => {});
    const subscription = { identity: ADMIN };
    const built: object[] = [];
    const seen: unknown[] = [];
    const schema = schemaOver(source, {
      Changed: {
        round(event: Changed, _: unknown, ctx: unknown) {
          seen.push(ctx);
          return event.round;
        },
      },
    });
    const subscribe = subscribeWithFreshContexts((from: typeof subscription) => {
      const context = { identity: from.identity };
      built.push(context);
      return context;
    });
    const events = (await subscribe({ schema, document, contextValue: subscription })) as AsyncIterableIterator<ExecutionResult>;
    source.push({ round: 1, id: 1 });
    source.push({ round: 2, id: 1 });
    expect((await events.next()).value).toEqual({ data: { changed: { round: 1 } } });
    expect((await events.next()).value).toEqual({ data: { changed: { round: 2 } } });
    expect(built).toEqual([{ identity: ADMIN }, { identity: ADMIN }]);
    expect(seen[0]).toBe(built[0]);
    expect(seen[1]).toBe(built[1]);
    expect(built[0]).not.toBe(built[1]);
    await events.return!();
  });

  it('ends the source at once on return(), while a read waits for an event that never comes', async () => {
    let closed = false;
    const schema = schemaOver(new EventQueue<Changed>(() => (closed = true)));
    const events = (await subscribeWithFreshContexts(() => ({}))({ schema, document, contextValue: { identity: ADMIN } })) as AsyncIterableIterator<ExecutionResult>;
    const waiting = events.next();
    await expect(events.return!()).resolves.toEqual({ value: undefined, done: true });
    expect(closed).toBe(true);
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });

  it('answers with the errors of a subscribe phase that failed', async () => {
    const schema = schemaOver(new EventQueue<Changed>(() => {}));
    const result = await subscribeWithFreshContexts(() => ({}))({ schema, document, contextValue: { identity: ANONYMOUS } });
    expect(result).toMatchObject({ errors: [{ message: 'sign in to follow changes', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

describe('a subgraph\'s subscriptions', () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  let subgraph: TestSubgraph;
  /** Bus subscriptions the subgraph holds right now. */
  let open = 0;
  const clients: Client[] = [];
  /** The bus's iterator, counted in `open` until it is returned. */
  const counted = (events: AsyncIterableIterator<Changed>): AsyncIterableIterator<Changed> => {
    open++;
    const close = () => {
      open--;
      return events.return!();
    };
    return {
      next: () => events.next(),
      return: close,
      throw: close,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };

  const definition: SubgraphDefinition<Tx, Ctx> = {
    name: 'per-event-context-test',
    defaultPort: 0,
    typeDefs,
    resolvers: resolversOver((ctx) => counted(ctx.bus.subscribe<Changed>(TOPIC))) as never,
    dbRole: 'sixfold_catalog',
    PrismaClient: PgPrismaStandIn as never,
    createContext,
  };

  beforeAll(async () => {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id int PRIMARY KEY, value text NOT NULL)`);
    await pool.query(`GRANT SELECT ON ${TABLE} TO sixfold_catalog`);
    subgraph = await startTestSubgraph(definition);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await subgraph?.stop();
    await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await pool.end();
  });

  const connect = (identity: Identity) => {
    const client = createClient({
      url: subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: async () => ({ [IDENTITY_HEADER]: await signIdentity(identity, process.env.IDENTITY_SECRET!) }),
    });
    clients.push(client);
    return client;
  };
  const publish = (event: Changed) => subgraph.bus.publish(TOPIC, event);
  /** Publishes `event` until the subscription delivers it (Redis confirms a SUBSCRIBE asynchronously). */
  const deliver = async (events: AsyncIterator<FormattedExecutionResult<any, unknown>>, event: Changed) => {
    let delivered = false;
    const arrived = events.next().finally(() => (delivered = true));
    while (!delivered) {
      await publish(event);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (await arrived).value;
  };
  const eventually = async (check: () => void, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };

  it('serves each event the rows as they are now, not as the loaders found them for an earlier event', async () => {
    await pool.query(`INSERT INTO ${TABLE} VALUES (1, 'before') ON CONFLICT (id) DO UPDATE SET value = 'before'`);
    const events = connect(ADMIN).iterate<any>({ query: 'subscription { changed { round item { value } } }' });
    const itemOfRound = async (n: number) => {
      let result = await deliver(events, { round: n, id: 1 });
      // Copies of an earlier round, published while the subscription was starting, may come first.
      while (result.data.changed.round !== n) result = (await events.next()).value;
      return result.data.changed.item;
    };
    expect(await itemOfRound(1)).toEqual({ value: 'before' });
    await pool.query(`UPDATE ${TABLE} SET value = 'after' WHERE id = 1`);
    expect(await itemOfRound(2)).toEqual({ value: 'after' });

    await events.return!();
    await eventually(() => expect(open).toBe(0));
  });

  it('sends the client the error of a subscribe phase that failed', async () => {
    const events = connect(ANONYMOUS).iterate<any>({ query: 'subscription { changed { round } }' });
    const { value } = await events.next();
    expect(value).toMatchObject({ errors: [{ message: 'sign in to follow changes', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });
});
