import type { SubgraphContext } from '@sixfold/kit';
import type { Prisma } from './generated/prisma/client.js';
import type { AgentLoaders } from './loaders.js';
import type { VectorSearch } from './vector-search.js';

export type AgentTx = Prisma.TransactionClient;

export interface AgentContext extends SubgraphContext<AgentTx> {
  loaders: AgentLoaders;
  /** How this database searches vectors (pgvector or the exact SQL fallback), found at start-up. */
  vectorSearch: VectorSearch;
}
