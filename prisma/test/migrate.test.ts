import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/database.js';
import { migrate } from '../src/migrate.js';

/** A scratch database of its own: these tests migrate from nothing. */
const url = withDatabase(process.env.DATABASE_URL!, `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_migrate`);

afterAll(() => dropDatabase(url));

describe('migrate', () => {
  it('applies every migration once, even when two processes run it at the same time', async () => {
    await ensureDatabase(url);
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    const applied = (results: typeof first) => results.flatMap((r) => r.applied);
    // Whichever got the lock first did all the work; the other found nothing to do.
    expect([applied(first).length, applied(second).length].sort()).toEqual([0, applied(first).length + applied(second).length].sort());
    expect(applied(await migrate(url))).toEqual([]);
  });

  it('records each migration with its checksum', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT version, md5 FROM migrations.platform WHERE version > 0");
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.md5))).toBe(true);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE migrations.platform SET md5 = 'deadbeefdeadbeefdeadbeefdeadbeef' WHERE version = 1");
    await client.end();
    await expect(migrate(url)).rejects.toThrow(/platform.*checksum|md5/i);
  });
});
