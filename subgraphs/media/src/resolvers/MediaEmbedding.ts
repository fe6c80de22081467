import type { MediaEmbeddingResolvers, MediaSegmentType } from '../generated/graphql.js';
import { fromDb } from '../enums.js';

export const MediaEmbedding: MediaEmbeddingResolvers = {
  async mediaFile(embedding, _args, ctx) {
    const file = await ctx.loaders.mediaFileById.load(embedding.mediaFileId);
    // Row-level security shows an embedding exactly when its file is visible.
    if (!file) throw new Error(`embedding ${embedding.id} refers to missing media file ${embedding.mediaFileId}`);
    return file;
  },
  model: (embedding) => embedding.embeddingModel,
  version: (embedding) => embedding.embeddingVersion,
  segmentType: (embedding) => fromDb<MediaSegmentType>(embedding.segmentType ?? 'full'),
};
