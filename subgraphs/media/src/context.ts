import type { SubgraphContext } from '@sixfold/kit';
import type { MediaTx } from './db.js';
import type { MediaLoaders } from './loaders.js';
import type { EmbeddingStorage } from './search/similarity.js';

export type { MediaTx };

export interface MediaContext extends SubgraphContext<MediaTx> {
  loaders: MediaLoaders;
  /** How this database stores embeddings (pgvector or real[]), read once at start. */
  embeddingStorage: EmbeddingStorage;
}
