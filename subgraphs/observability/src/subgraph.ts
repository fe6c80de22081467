import { subgraphSource, type SubgraphDefinition, type SubgraphRuntime } from '@sixfold/kit';
import type { ObservabilityContext, ObservabilityServices, ObservabilityTx } from './context.js';
import { PrismaClient } from './generated/prisma/client.js';
import { createMemoryStatusStore } from './live/memory-store.js';
import { createRedisStatusStore } from './live/redis-store.js';
import { createLoaders } from './loaders.js';
import { followCatalogModels } from './monitored-models.js';
import { resolvers } from './resolvers/index.js';
import { knownRegions } from './status/regions.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

function createServices(runtime: SubgraphRuntime<ObservabilityTx>): ObservabilityServices & Record<string, unknown> {
  const { redisUrl, redisPrefix = 'sixfold:', bus } = runtime.options;
  return {
    live: redisUrl ? createRedisStatusStore(redisUrl, redisPrefix, runtime.logger) : createMemoryStatusStore(),
    regions: knownRegions(runtime.db()),
    catalogModels: followCatalogModels(bus, runtime.db(), runtime.logger),
  };
}

export const observability: SubgraphDefinition<ObservabilityTx, ObservabilityContext> = {
  name: 'observability',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_observability',
  PrismaClient: PrismaClient as never,
  createServices,
  createContext: (base, { services }) => {
    const { live, regions } = services as unknown as ObservabilityServices;
    return { ...base, live, regions, loaders: createLoaders(base.db, { live, regions }) };
  },
};
