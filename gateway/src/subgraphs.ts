import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SUPERGRAPH_PATH = join(REPO_ROOT, 'gateway', 'supergraph.graphql');

export interface SubgraphSource {
  name: string;
  port: number;
  url: string;
  sdlPath: string;
}

/**
 * The subgraphs of this repository: every `subgraphs/<name>/package.json` with a `sixfold`
 * field (`{ "subgraph": "catalog", "port": 4001 }`). Adding a folder adds a subgraph.
 */
export function listSubgraphs(root = REPO_ROOT): SubgraphSource[] {
  const dir = join(root, 'subgraphs');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')))
    .map((folder) => {
      const manifest = JSON.parse(readFileSync(join(dir, folder, 'package.json'), 'utf8')) as { sixfold?: { subgraph: string; port: number } };
      if (!manifest.sixfold) return undefined;
      const { subgraph: name, port } = manifest.sixfold;
      return { name, port, url: `http://127.0.0.1:${port}/graphql`, sdlPath: join(dir, folder, 'src', 'schema.graphql') };
    })
    .filter((s): s is SubgraphSource => s !== undefined)
    .sort((a, b) => a.port - b.port);
}
