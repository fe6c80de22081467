import { isUuid } from '@sixfold/kit';
import type { MediaFileResolvers, MediaFileStatus, MediaFileType, MediaSentiment } from '../generated/graphql.js';
import { fromDb } from '../enums.js';

export const MediaFile: MediaFileResolvers = {
  __resolveReference: ({ id }, ctx) => (isUuid(id) ? ctx.loaders.mediaFileById.load(id.toLowerCase()) : null),
  owner: (file) => ({ id: file.userId }),
  fileType: (file) => fromDb<MediaFileType>(file.fileType),
  status: (file) => fromDb<MediaFileStatus>(file.status),
  // The seed spells sentiments in upper case already.
  sentiment: (file) => file.sentiment as MediaSentiment | null,
  hasAudio: (file) => file.hasAudio ?? false,
  detectedLabels: (file) => file.detectedLabels ?? [],
  detectedFacesCount: (file) => file.detectedFacesCount ?? 0,
  detectedText: (file) => file.detectedText ?? [],
  contentWarnings: (file) => file.contentWarnings ?? [],
  tags: (file) => file.tags ?? [],
  customMetadata: (file) => file.customMetadata ?? {},
  embeddings: (file, _args, ctx) => ctx.loaders.embeddingsByFile.load(file.id),
  processingJobs: (file, _args, ctx) => ctx.loaders.jobsByFile.load(file.id),
};
