/** The upkeep the subgraph does hourly: search-history partitions ahead of time, billing periods. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { PARTITION_MONTHS_AHEAD } from '../src/maintenance.js';
import { ownerConnection } from './helpers.js';

let db: pg.Client;
beforeAll(async () => {
  db = ownerConnection();
  await db.connect();
});
afterAll(() => db.end());

const partitionName = (date: Date) => `search_history_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
const monthsFromNow = (months: number) => {
  const d = new Date();
  d.setUTCDate(15);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

describe('search-history partitions', () => {
  it('exist for this month and the months ahead', async () => {
    const { rows } = await db.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'media.search_history'::regclass`);
    const names = rows.map((r) => r.relname);
    for (let m = 0; m <= PARTITION_MONTHS_AHEAD; m++) expect(names).toContain(partitionName(monthsFromNow(m)));
    expect(names).toContain('search_history_default');
  });

  it('take over rows that landed in the default partition when their month is created', async () => {
    const userId = randomUUID();
    const far = monthsFromNow(20);
    await db.query('INSERT INTO media.accounts (user_id) VALUES ($1)', [userId]);
    await db.query(`INSERT INTO media.search_history (user_id, query_text, searched_at) VALUES ($1, 'from the future', $2)`, [userId, far]);
    const where = async () => (await db.query('SELECT tableoid::regclass::text AS p FROM media.search_history WHERE user_id = $1', [userId])).rows[0].p;
    expect(await where()).toBe('media.search_history_default');
    const { rows } = await db.query('SELECT media.ensure_search_history_partitions(now(), 20) AS created');
    expect(rows[0].created).toBeGreaterThan(0);
    expect(await where()).toBe(`media.${partitionName(far)}`);
    // Idempotent.
    expect((await db.query('SELECT media.ensure_search_history_partitions(now(), 20) AS created')).rows[0].created).toBe(0);
  });
});

describe('monthly usage reset', () => {
  it('starts a new billing period, aligned to the billing day, for accounts whose period ended', async () => {
    const due = randomUUID();
    const current = randomUUID();
    await db.query(`INSERT INTO media.accounts (user_id, uploads_this_month, searches_this_month, billing_period_start, billing_period_end) VALUES
      ($1, 7, 20, now() - interval '2 months 3 days', now() - interval '1 month 3 days'),
      ($2, 4, 2, now() - interval '3 days', now() + interval '27 days')`, [due, current]);
    await db.query('SELECT media.reset_monthly_usage()');
    const { rows } = await db.query(`SELECT user_id, uploads_this_month, searches_this_month,
      billing_period_start <= now() AND billing_period_end > now() AS current_period
      FROM media.accounts WHERE user_id = ANY($1::uuid[]) ORDER BY user_id = $2 DESC`, [[due, current], due]);
    expect(rows[0]).toMatchObject({ uploads_this_month: 0, searches_this_month: 0, current_period: true });
    expect(rows[1]).toMatchObject({ uploads_this_month: 4, searches_this_month: 2, current_period: true });
  });
});
