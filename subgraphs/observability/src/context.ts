import type { SubgraphContext } from '@sixfold/kit';
import type { Prisma } from './generated/prisma/client.js';
import type { KnownRegions } from './status/regions.js';
import type { LiveStatusStore } from './live/store.js';
import type { ObservabilityLoaders } from './loaders.js';

export type ObservabilityTx = Prisma.TransactionClient;

/** Long-lived helpers, created once per process (src/subgraph.ts). */
export interface ObservabilityServices {
  live: LiveStatusStore;
  regions: KnownRegions;
}

export interface ObservabilityContext extends SubgraphContext<ObservabilityTx>, ObservabilityServices {
  loaders: ObservabilityLoaders;
}
