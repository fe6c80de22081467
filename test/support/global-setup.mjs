// Jest loads global setup outside its ESM/TypeScript pipeline, so the real work runs in tsx.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export default function globalSetup() {
  const tsx = require.resolve('tsx/cli');
  const out = execFileSync(process.execPath, [tsx, fileURLToPath(new URL('./prepare-run.ts', import.meta.url))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  Object.assign(process.env, JSON.parse(out));
}
