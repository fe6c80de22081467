import { badInput, empty, sql, type Db, type Sql } from '@sixfold/kit';
import type { MediaTx } from '../db.js';
import { containsPattern, mediaFileConditions, SEARCHABLE_TEXT } from '../filters.js';
import type { MediaFileFilter } from '../generated/graphql.js';
import type { SearchHit } from '../rows.js';

/** Migration 002 stores embeddings as pgvector's vector(1536) when it can, as real[] otherwise. */
export type EmbeddingStorage = 'vector' | 'array';
export const EMBEDDING_DIMENSIONS = 1536;

/**
 * With pgvector the nearest embeddings come from the HNSW index, which returns approximate
 * neighbours in order; a search takes this many per hit wanted, then keeps each file's best.
 */
const ANN_CANDIDATES_PER_HIT = 10;

export async function detectEmbeddingStorage(db: Db<MediaTx>): Promise<EmbeddingStorage> {
  const [row] = await db.run((tx) => tx.$queryRaw<Array<{ storage: string }>>`SELECT media.embedding_storage() AS storage`);
  return row?.storage === 'vector' ? 'vector' : 'array';
}

/** Validates a query vector: 1536 finite numbers, not all zero (a zero vector has no direction). */
export function embeddingArg(field: string, vector: readonly number[]): number[] {
  if (vector.length !== EMBEDDING_DIMENSIONS) throw badInput(field, `must have ${EMBEDDING_DIMENSIONS} numbers, got ${vector.length}`);
  if (!vector.every(Number.isFinite)) throw badInput(field, 'must contain only finite numbers');
  if (vector.every((x) => x === 0)) throw badInput(field, 'must not be all zeros');
  return [...vector];
}

/** A query vector passed as a parameter, typed for the column it is compared with. */
export const vectorParam = (storage: EmbeddingStorage, vector: number[]): Sql =>
  storage === 'vector' ? sql`${vector}::real[]::vector` : sql`${vector}::real[]`;

/** Cosine distance from each embedding `e` to `query`: pgvector's operator, or the exact SQL function. */
const cosineDistance = (storage: EmbeddingStorage, query: Sql): Sql =>
  storage === 'vector' ? sql`(e.embedding <=> ${query})` : sql`media.cosine_distance(e.embedding, ${query})`;

export interface NearestOptions {
  storage: EmbeddingStorage;
  /** The query vector: `vectorParam(...)`, or a subquery yielding a stored embedding. */
  query: Sql;
  first: number;
  filter?: MediaFileFilter | null;
  /** Narrows to files whose name, summary or transcript contain this. */
  text?: string | null;
  excludeFileId?: string;
}

/**
 * Processed files nearest to a query vector, each with its best-matching embedding (whole file
 * or video segment). Row-level security limits the scan to what the caller may see. Without
 * pgvector every visible embedding is compared exactly; with it, the index supplies candidates.
 */
export async function nearestMedia(tx: MediaTx, options: NearestOptions): Promise<SearchHit[]> {
  const { storage, first } = options;
  const rows = await tx.$queryRaw<Array<{ mediaFileId: string; embeddingId: string; similarity: number | null }>>(sql`
    WITH candidates AS (
      SELECT e.id AS embedding_id, e.media_file_id, ${cosineDistance(storage, options.query)} AS distance
        FROM media.media_embeddings e
        JOIN media.media_files t ON t.id = e.media_file_id
       WHERE t.status = 'completed' AND ${mediaFileConditions(options.filter)}
         ${options.text ? sql`AND ${SEARCHABLE_TEXT} ILIKE ${containsPattern(options.text)}` : empty}
         ${options.excludeFileId ? sql`AND t.id <> ${options.excludeFileId}::uuid` : empty}
       ${storage === 'vector' ? sql`ORDER BY distance LIMIT ${first * ANN_CANDIDATES_PER_HIT}` : empty}
    ), best_per_file AS (
      SELECT DISTINCT ON (media_file_id) media_file_id, embedding_id, distance
        FROM candidates
       ORDER BY media_file_id, distance NULLS LAST
    )
    SELECT media_file_id::text AS "mediaFileId", embedding_id::text AS "embeddingId", 1 - distance AS similarity
      FROM best_per_file
     ORDER BY distance NULLS LAST, media_file_id
     LIMIT ${first}`);
  return rows.map((r) => ({ mediaFileId: r.mediaFileId, embeddingId: r.embeddingId, similarity: r.similarity === null ? null : Number(r.similarity) }));
}

/** Processed files whose name, summary or transcript contain `text`, closest match first. */
export async function textMatches(tx: MediaTx, text: string, filter: MediaFileFilter | null | undefined, first: number): Promise<SearchHit[]> {
  const rows = await tx.$queryRaw<Array<{ mediaFileId: string }>>(sql`
    SELECT t.id::text AS "mediaFileId"
      FROM media.media_files t
     WHERE t.status = 'completed' AND ${mediaFileConditions(filter)}
       AND ${SEARCHABLE_TEXT} ILIKE ${containsPattern(text)}
     ORDER BY word_similarity(${text}, ${SEARCHABLE_TEXT}) DESC, t.uploaded_at DESC, t.id
     LIMIT ${first}`);
  return rows.map((r) => ({ mediaFileId: r.mediaFileId, embeddingId: null, similarity: null }));
}

/** A file's own query vector: its whole-file embedding (the newest model version), else its first. */
export const storedEmbeddingOf = (mediaFileId: string): Sql => sql`(
  SELECT q.embedding FROM media.media_embeddings q
   WHERE q.media_file_id = ${mediaFileId}::uuid
   ORDER BY (q.segment_type = 'full') DESC, q.created_at DESC, q.id
   LIMIT 1)`;
