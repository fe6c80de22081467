import { subgraphSource, type SubgraphDefinition } from '@sixfold/kit';
import type { AgentContext, AgentTx } from './context.js';
import { PrismaClient } from './generated/prisma/client.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { detectVectorSearch, type VectorSearch } from './vector-search.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

export const agent: SubgraphDefinition<AgentTx, AgentContext> = {
  name: 'agent',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_agent',
  PrismaClient: PrismaClient as never,
  async createServices(runtime) {
    const vectorSearch = await detectVectorSearch(runtime.db());
    runtime.logger.info({ vectorSearch: vectorSearch.kind }, 'vector memory search');
    return { vectorSearch };
  },
  createContext: (base, { services }) => ({ ...base, loaders: createLoaders(base.db), vectorSearch: services.vectorSearch as VectorSearch }),
};
