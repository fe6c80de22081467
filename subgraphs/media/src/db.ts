import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import { PrismaClient } from './generated/prisma/client.js';

/**
 * Columns this client never reads: the embedding vectors. They are real[] here and vector(1536)
 * where pgvector is installed (prisma/media/schema.prisma), which Prisma could not read the same
 * way; nothing served needs the raw numbers, and the SQL that does (similarity search, writing
 * embeddings) passes them as real[], which both column types accept.
 */
const OMITTED = {
  mediaEmbedding: { embedding: true },
  searchHistory: { queryEmbedding: true },
} as const;

type MediaPrisma = PrismaClient<never, typeof OMITTED>;
export type MediaTx = Omit<MediaPrisma, ITXClientDenyList>;

/** The domain's Prisma client with the vector columns omitted from every query. */
export class MediaPrismaClient extends (PrismaClient as unknown as new (options: object) => MediaPrisma) {
  constructor(options: object) {
    super({ ...options, omit: OMITTED });
  }
}
