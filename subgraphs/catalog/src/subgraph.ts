import { loadConfig, subgraphSource, type SubgraphDefinition, type SubgraphRuntime } from '@sixfold/kit';
import { catalogSettings } from './config.js';
import type { CatalogContext, CatalogServices, CatalogTx } from './context.js';
import { ListingsRefresher, refreshModelListings } from './directory/listings.js';
import { PrismaClient } from './generated/prisma/client.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { AiModelStore } from './upstream/ai-model-store.js';
import { AI_MODELS_IMPORTED } from './upstream/import.js';
import { fetchModelList } from './upstream/openrouter.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

/** The model-list cache and the listing refresher, shared by every request of the process. */
function createServices(runtime: SubgraphRuntime<CatalogTx>): CatalogServices & { close(): Promise<void> } {
  const settings = loadConfig(catalogSettings);
  const logger = runtime.logger;
  const listings = new ListingsRefresher(() => refreshModelListings(runtime.db()), logger.child({ component: 'model-listings' }));
  const aiModels = new AiModelStore({
    db: runtime.db(),
    fetchUpstream: () => fetchModelList(settings.OPENROUTER_MODELS_URL, settings.OPENROUTER_TIMEOUT_MS),
    upstreamName: settings.OPENROUTER_MODELS_URL,
    ttlMs: settings.AI_MODELS_CACHE_TTL_SECONDS * 1000,
    logger: logger.child({ component: 'ai-models' }),
  });
  // An import (the CLI, on any machine) announces itself so that no replica serves a stale copy.
  const imports = runtime.options.bus.subscribe(AI_MODELS_IMPORTED);
  void (async () => {
    for await (const _ of imports) aiModels.invalidate();
  })();
  return {
    listings,
    aiModels,
    async close() {
      await imports.return?.();
      await listings.close();
    },
  };
}

export const catalog: SubgraphDefinition<CatalogTx, CatalogContext> = {
  name: 'catalog',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_catalog',
  PrismaClient: PrismaClient as never,
  createServices: (runtime) => ({ catalog: createServices(runtime) }),
  createContext: (base, { services }) => ({ ...base, loaders: createLoaders(base.db), services: services.catalog as CatalogServices }),
};
