import type { SubgraphContext } from '@sixfold/kit';
import type { Prisma } from './generated/prisma/client.js';
import type { ListingsRefresher } from './directory/listings.js';
import type { CatalogLoaders } from './loaders.js';
import type { AiModelStore } from './upstream/ai-model-store.js';

export type CatalogTx = Prisma.TransactionClient;

/** Long-lived helpers shared by every request of one subgraph process. */
export interface CatalogServices {
  listings: ListingsRefresher;
  aiModels: AiModelStore;
}

export interface CatalogContext extends SubgraphContext<CatalogTx> {
  loaders: CatalogLoaders;
  services: CatalogServices;
}
