/**
 * RequestDb against a real PostgreSQL. A pg-backed stand-in for Prisma's interactive
 * `$transaction` keeps this test independent of any domain's generated client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { RequestDb } from '../src/db/request-db.js';
import type { Identity } from '../src/identity.js';
import { PgPrismaStandIn, type StandInTx } from './support/pg-prisma-stand-in.js';

type Tx = StandInTx;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const runner = new PgPrismaStandIn({ pool });

const alice: Identity = { kind: 'user', userId: '00000000-0000-4000-8000-00000000a11c', organizationIds: ['00000000-0000-4000-8000-0000000000o1'.replace('o', '0')], roles: ['admin'], scopes: [] };
const db = (identity: Identity = alice) => new RequestDb<Tx>(runner, { role: 'sixfold_catalog', identity, timeoutMs: 5_000 });

beforeAll(async () => {
  await pool.query('CREATE TABLE IF NOT EXISTS public.request_db_test (id int primary key)');
  await pool.query('GRANT SELECT, INSERT ON public.request_db_test TO sixfold_catalog');
});
afterAll(async () => {
  await pool.query('DROP TABLE IF EXISTS public.request_db_test');
  await pool.end();
});

describe('RequestDb', () => {
  it('runs every query of a request in one transaction that sees the caller and the domain role', async () => {
    const request = db();
    const [a, b] = await Promise.all([
      request.run((tx) => tx.query("SELECT txid_current() AS tx, current_user AS role, current_setting('app.current_user_id') AS uid, platform.is_admin() AS admin")),
      request.run((tx) => tx.query('SELECT txid_current() AS tx')),
    ]);
    await request.finish(true);
    expect(a.rows[0]).toMatchObject({ role: 'sixfold_catalog', uid: alice.userId, admin: true });
    expect(b.rows[0].tx).toBe(a.rows[0].tx);
  });

  it('shows row-level security the API key\'s scopes, and none for a session', async () => {
    const scopesOf = async (identity: Identity) => {
      const request = db(identity);
      const { rows } = await request.run((tx) => tx.query("SELECT platform.current_scopes() AS scopes, platform.has_scope('agent:worker') AS worker"));
      await request.finish(true);
      return rows[0];
    };
    expect(await scopesOf({ ...alice, roles: [], scopes: ['read', 'agent:worker'] })).toEqual({ scopes: ['read', 'agent:worker'], worker: true });
    expect(await scopesOf({ ...alice, roles: [], scopes: [] })).toEqual({ scopes: [], worker: false });
  });

  it('never opens a transaction for a request that does not touch the database', async () => {
    const before = (await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity')).rows[0].n;
    await db().finish(true);
    expect((await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity')).rows[0].n).toBe(before);
  });

  it('rolls everything back when told to, and runs after-commit work only on commit', async () => {
    const events: string[] = [];
    const failed = db();
    await failed.run((tx) => tx.query('INSERT INTO public.request_db_test VALUES (1)'));
    failed.afterCommit(() => events.push('failed'));
    await failed.finish(false);
    const ok = db();
    await ok.run((tx) => tx.query('INSERT INTO public.request_db_test VALUES (2)'));
    ok.afterCommit(() => events.push('ok'));
    await ok.finish(true);
    const { rows } = await pool.query('SELECT id FROM public.request_db_test ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([2]);
    expect(events).toEqual(['ok']);
  });

  it('keeps a committed change committed when after-commit work fails, and still runs the rest', async () => {
    const reported: unknown[] = [];
    const request = new RequestDb<Tx>(runner, { role: 'sixfold_catalog', identity: alice, timeoutMs: 5_000, logger: { error: (...args: unknown[]) => void reported.push(args) } });
    await request.run((tx) => tx.query('INSERT INTO public.request_db_test VALUES (3)'));
    const ran: string[] = [];
    request.afterCommit(() => Promise.reject(new Error('Redis is away')));
    request.afterCommit(() => ran.push('next'));
    await expect(request.finish(true)).resolves.toBeUndefined();
    const { rows } = await pool.query('SELECT id FROM public.request_db_test WHERE id = 3');
    expect([rows.length, ran, reported.length]).toEqual([1, ['next'], 1]);
  });

  it('leaves nothing of the identity on the pooled connection afterwards', async () => {
    const request = db();
    await request.run((tx) => tx.query('SELECT 1'));
    await request.finish(true);
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect(), pool.connect()]);
    for (const client of clients) {
      const { rows } = await client.query("SELECT current_user AS role, coalesce(current_setting('app.current_user_id', true), '') AS uid");
      expect(rows[0]).toEqual({ role: expect.not.stringMatching('sixfold_catalog'), uid: '' });
      client.release();
    }
  });

  it('refuses use after the request finished', async () => {
    const request = db();
    await request.finish(true);
    await expect(request.run((tx) => tx.query('SELECT 1'))).rejects.toThrow(/after its request finished/);
  });
});
