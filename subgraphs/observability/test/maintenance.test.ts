import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { runMaintenance } from '../src/maintenance.js';
import { freshModels, sql } from './support.js';

const DAY = 24 * 60 * 60 * 1000;
const dayName = (offsetDays: number) => `status_probes_p${new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10).replace(/-/g, '')}`;
const partitions = async () =>
  (
    await sql<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'observability.status_probes'::regclass ORDER BY 1`,
    )
  ).map((r) => r.name);

describe('partition maintenance', () => {
  it('keeps daily partitions ready from yesterday to a week ahead, plus the DEFAULT safety net', async () => {
    await runMaintenance(process.env.DATABASE_URL!);
    const names = await partitions();
    for (let day = -1; day <= 7; day++) expect(names).toContain(dayName(day));
    expect(names).toContain('status_probes_default');
  });

  it('moves probes that waited in the DEFAULT partition into a partition of their own day', async () => {
    const [modelId] = await freshModels(1);
    const time = new Date(Date.now() - 20 * DAY);
    await sql(`DROP TABLE IF EXISTS observability.${dayName(-20)}`);
    await sql(`INSERT INTO observability.status_probes ("time", model_id, region, probe_location, availability, error_rate) VALUES ($1, $2, 'us-east', 'late', 99, 1)`, [time, modelId]);
    const [before] = await sql('SELECT tableoid::regclass::text AS partition FROM observability.status_probes WHERE model_id = $1', [modelId]);
    expect(before.partition).toBe('observability.status_probes_default');

    const actions = await runMaintenance(process.env.DATABASE_URL!);
    expect(actions).toContainEqual({ action: 'created', object: `observability.${dayName(-20)}` });
    const [after] = await sql('SELECT tableoid::regclass::text AS partition FROM observability.status_probes WHERE model_id = $1', [modelId]);
    expect(after.partition).toBe(`observability.${dayName(-20)}`);
  });

  it('drops partitions older than the retention, and expired rows left in the DEFAULT partition', async () => {
    const [modelId] = await freshModels(1);
    const old = new Date(Date.now() - 100 * DAY);
    const oldDay = old.toISOString().slice(0, 10);
    await sql(
      `SELECT observability.ensure_partition('observability.status_probes', 'time', observability.utc_midnight($1::date), observability.utc_midnight($1::date + 1), $2)`,
      [oldDay, dayName(-100)],
    );
    await sql(`INSERT INTO observability.status_probes ("time", model_id, region, probe_location, availability, error_rate) VALUES ($1, $2, 'us-east', 'old', 99, 1)`, [old, modelId]);
    await sql(`INSERT INTO observability.status_probes_default ("time", model_id, region, probe_location, availability, error_rate) VALUES ($1, $2, 'us-east', 'older', 99, 1)`, [new Date(Date.now() - 120 * DAY), modelId]);

    const actions = await runMaintenance(process.env.DATABASE_URL!);
    expect(actions).toContainEqual({ action: 'dropped', object: `observability.${dayName(-100)}` });
    expect(await partitions()).not.toContain(dayName(-100));
    expect(await sql('SELECT 1 FROM observability.status_probes WHERE model_id = $1', [modelId])).toEqual([]);
  });

  it('leaves partitions reachable through their parent only', async () => {
    const rows = await sql<{ name: string; reachable: boolean }>(
      `SELECT c.relname AS name, has_table_privilege('sixfold_observability', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS reachable
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent IN ('observability.status_probes'::regclass, 'observability.analytics_events'::regclass)`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.reachable)).toEqual([]);
  });

  it('is idempotent', async () => {
    await runMaintenance(process.env.DATABASE_URL!);
    const actions = await runMaintenance(process.env.DATABASE_URL!);
    expect(actions.filter((a) => a.action !== 'refreshed')).toEqual([]);
  });

  it('runs as the `maintain` command', async () => {
    const require = createRequire(import.meta.url);
    const cli = fileURLToPath(new URL('../src/cli/maintain.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), cli, '--days-ahead', '9'], { env: { ...process.env } });
    expect(stdout).toMatch(/maintain: refreshed observability.daily_stats/);
    expect(await partitions()).toContain(dayName(9));
  });
});
