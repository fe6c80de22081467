import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { DEFAULT_SUPERGRAPH_PATH } from './subgraphs.js';

/**
 * Which supergraph to serve: `--supergraph PATH`, else SUPERGRAPH_PATH, else the committed
 * gateway/supergraph.graphql. Operators composing with other tools (rover, GraphOS) point it
 * at their own file.
 */
export function supergraphPath(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): string {
  const flag = argv.indexOf('--supergraph');
  if (flag !== -1) {
    const value = argv[flag + 1];
    if (!value) throw new Error('Invalid configuration: --supergraph needs a file path');
    return resolve(value);
  }
  return env.SUPERGRAPH_PATH ? resolve(env.SUPERGRAPH_PATH) : DEFAULT_SUPERGRAPH_PATH;
}

export function loadSupergraph(path: string): string {
  if (!existsSync(path)) throw new Error(`Invalid configuration: supergraph file ${path} does not exist (run pnpm compose)`);
  const sdl = readFileSync(path, 'utf8');
  try {
    Supergraph.build(sdl);
  } catch (error) {
    throw new Error(`Invalid configuration: ${path} is not a valid supergraph: ${(error as Error).message}`);
  }
  return sdl;
}

/** Subgraph name → URL, as the supergraph's join__Graph enum records them. */
export function subgraphUrlsOf(supergraphSdl: string): Record<string, string> {
  return Object.fromEntries(Supergraph.build(supergraphSdl).subgraphs().values().map((s) => [s.name, s.url]));
}
