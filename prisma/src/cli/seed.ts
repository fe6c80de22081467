/** `pnpm db:seed [--scale N] [--force]`: fills DATABASE_URL with linked demo data in every domain. */
import { parseArgs } from 'node:util';
import { commonSettings, ConfigError, loadConfig } from '@sixfold/kit';
import { seed } from '../seed/index.js';

try {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, force: { type: 'boolean', default: false } } });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 10_000) throw new ConfigError('Invalid configuration: --scale must be an integer from 1 to 10000');
  const { DATABASE_URL } = loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL });
  const result = await seed(DATABASE_URL, { scale, force: values.force, log: (line) => console.log(line) });
  if (result.seeded) console.log(`seed: done (scale ${scale})`);
  for (const [name, value] of Object.entries(result.secrets)) console.log(`seed: ${name}: ${value}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `seed: ${(error as Error).message}`);
  process.exit(1);
}
