/** `pnpm db:migrate`: applies every pending migration to DATABASE_URL. */
import { commonSettings, ConfigError, loadConfig } from '@sixfold/kit';
import { migrate } from '../migrate.js';

try {
  const { DATABASE_URL } = loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL });
  const results = await migrate(DATABASE_URL, { log: (line) => console.log(line) });
  const applied = results.reduce((n, r) => n + r.applied.length, 0);
  console.log(applied ? `migrations: applied ${applied}` : 'migrations: database is up to date');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `migrations: ${(error as Error).message}`);
  process.exit(1);
}
