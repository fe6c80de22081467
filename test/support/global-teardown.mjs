import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Drops the run's database (keep it with KEEP_TEST_DATABASE=1 to look around after a failure). */
export default function globalTeardown() {
  const url = process.env.DATABASE_URL;
  if (!url?.includes('/sixfold_test_') || process.env.KEEP_TEST_DATABASE) return;
  const tsx = require.resolve('tsx/cli');
  execFileSync(process.execPath, [tsx, '-e', `import('@sixfold/db').then((db) => db.dropDatabase(${JSON.stringify(url)}))`], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}
