/**
 * `pnpm --filter @sixfold/catalog import-models -- [--file <path> | --url <url>] [--free-only]`
 *
 * Imports a model list in OpenRouter's `/models` format into catalog.ai_models (seed 004): new
 * models are added, changed ones updated, others kept; malformed entries are skipped and logged.
 * Without --file or --url it fetches OPENROUTER_MODELS_URL. If the list cannot be had, nothing
 * is written.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@sixfold/kit';
import { AI_MODELS_IMPORTED, importModelList } from '../upstream/import.js';
import { fetchModelList, ModelListUnavailable, readModelListFile } from '../upstream/openrouter.js';
import { standalone } from './standalone.js';

const USAGE = 'usage: import-models [--file <path> | --url <url>] [--free-only]';

async function main(): Promise<number> {
  // pnpm passes the `--` that separates its own options through to the script.
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: { file: { type: 'string' }, url: { type: 'string' }, 'free-only': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.file && values.url) throw new ConfigError(`give --file or --url, not both\n${USAGE}`);
  const command = standalone('import-models');
  try {
    // Paths are relative to where the command was typed (pnpm runs scripts in the package folder).
    const file = values.file ? resolve(process.env.INIT_CWD ?? process.cwd(), values.file) : undefined;
    const source = file ?? values.url ?? command.settings.OPENROUTER_MODELS_URL;
    const body = file ? await readModelListFile(file) : await fetchModelList(source, command.settings.OPENROUTER_TIMEOUT_MS);
    const report = await importModelList(command.db, body, { source, logger: command.logger, freeOnly: values['free-only'] });
    await command.bus.publish(AI_MODELS_IMPORTED, { source, inserted: report.inserted, updated: report.updated });
    console.log(
      `import-models: ${report.received} models in ${source}: ${report.inserted} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped`,
    );
    for (const skip of report.skipped) console.log(`  skipped ${skip.id ?? '(no id)'}: ${skip.reason}`);
    return 0;
  } catch (error) {
    if (error instanceof ModelListUnavailable) {
      console.error(`import-models: ${error.message}; nothing was imported and the database is unchanged`);
      return 1;
    }
    throw error;
  } finally {
    await command.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? `import-models: ${(error as Error).message}` : error);
  process.exitCode = 1;
}
