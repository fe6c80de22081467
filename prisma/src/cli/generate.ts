/**
 * Generates each domain's typed Prisma client into its subgraph (`src/generated/prisma`).
 *
 * The Prisma CLI downloads a schema-engine binary before every command, which fails without
 * internet access. `generate` does not use that engine, so we point PRISMA_SCHEMA_ENGINE_BINARY
 * at an existing file to skip the download. (Migrations never go through the Prisma CLI: see
 * src/migrate.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SUBGRAPH_DOMAINS, prismaSchemaPath } from '../domains.js';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };

let failed = false;
for (const domain of SUBGRAPH_DOMAINS) {
  const schema = prismaSchemaPath(domain);
  if (!existsSync(schema)) continue;
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { env, encoding: 'utf8' });
  if (result.status === 0) console.log(`prisma: generated the ${domain.name} client`);
  else {
    failed = true;
    console.error(`prisma: generating the ${domain.name} client failed\n${result.stdout}${result.stderr}`);
  }
}
process.exit(failed ? 1 : 0);
