/**
 * Prepares a test run (run by global-setup.mjs with tsx): a database of the run's own (created,
 * migrated and seeded on the server at TEST_DATABASE_URL, default the local PostgreSQL) and a
 * Redis prefix of its own. Prints the environment tests need, as JSON.
 */
import { randomBytes } from 'node:crypto';
import { ensureDatabase, migrate, seed, withDatabase } from '@sixfold/db';

async function prepareRun() {
  const server = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(server, `sixfold_test_${runId}`);
  await ensureDatabase(url);
  await migrate(url);
  const seeded = await seed(url, { scale: 1 });
  return {
    DATABASE_URL: url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `sixfold_test:${runId}:`,
    IDENTITY_SECRET: randomBytes(32).toString('hex'),
    SIXFOLD_TEST_SECRETS: JSON.stringify(seeded.secrets),
  };
}

process.stdout.write(JSON.stringify(await prepareRun()));
