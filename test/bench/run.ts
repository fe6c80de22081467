/** `pnpm bench <name>`: runs test/bench/<name>.ts. */
import { readdirSync } from 'node:fs';

const benches = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -'.ts'.length));
const name = process.argv[2];
if (!name || !benches.includes(name)) {
  console.error(`usage: pnpm bench <${benches.join('|')}> [options]`);
  process.exit(1);
}
await import(`./${name}.ts`);
