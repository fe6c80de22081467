import { subgraphSource, type SubgraphDefinition } from '@sixfold/kit';
import type { MediaContext } from './context.js';
import { MediaPrismaClient, type MediaTx } from './db.js';
import { createLoaders } from './loaders.js';
import { startMaintenance } from './maintenance.js';
import { resolvers } from './resolvers/index.js';
import { detectEmbeddingStorage, type EmbeddingStorage } from './search/similarity.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

export const media: SubgraphDefinition<MediaTx, MediaContext> = {
  name: 'media',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_media',
  // A search is checked against the account's allowance (its row locked), recorded in the search
  // history and counted (src/resolvers/Query.ts, search()): it must run on the primary.
  queriesThatWrite: ['searchMedia', 'similarMedia'],
  PrismaClient: MediaPrismaClient as never,
  async createServices(runtime) {
    return {
      embeddingStorage: await detectEmbeddingStorage(runtime.db()),
      maintenance: startMaintenance(runtime, runtime.logger),
    };
  },
  createContext: (base, { services }) => ({ ...base, loaders: createLoaders(base.db), embeddingStorage: services.embeddingStorage as EmbeddingStorage }),
};
