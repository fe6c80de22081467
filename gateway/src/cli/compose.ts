/** `pnpm compose`: writes gateway/supergraph.graphql from the subgraphs' SDL (offline). */
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../compose.js';
import { DEFAULT_SUPERGRAPH_PATH, listSubgraphs } from '../subgraphs.js';

try {
  const subgraphs = listSubgraphs();
  writeFileSync(DEFAULT_SUPERGRAPH_PATH, composeSupergraph(subgraphs));
  console.log(`compose: wrote gateway/supergraph.graphql from ${subgraphs.map((s) => s.name).join(', ')}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
