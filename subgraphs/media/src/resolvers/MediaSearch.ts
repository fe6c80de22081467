import type { MediaAuditEntryResolvers, MediaSearchHitResolvers, MediaSearchResolvers } from '../generated/graphql.js';

export const MediaSearchHit: MediaSearchHitResolvers = {
  async mediaFile(hit, _args, ctx) {
    const file = await ctx.loaders.mediaFileById.load(hit.mediaFileId);
    if (!file) throw new Error(`search hit refers to invisible media file ${hit.mediaFileId}`);
    return file;
  },
  matchedEmbedding: (hit, _args, ctx) => (hit.embeddingId ? ctx.loaders.embeddingById.load(hit.embeddingId) : null),
};

export const MediaSearch: MediaSearchResolvers = {
  filters: (search) => search.filters ?? {},
  clickedMediaFileIds: (search) => search.clickedResults ?? [],
};

export const MediaAuditEntry: MediaAuditEntryResolvers = {
  category: (entry) => entry.eventCategory,
  riskLevel: (entry) => entry.riskLevel ?? 'low',
};
