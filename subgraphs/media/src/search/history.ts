import { sql } from '@sixfold/kit';
import type { MediaTx } from '../db.js';
import type { EmbeddingStorage } from './similarity.js';
import { vectorParam } from './similarity.js';

export interface SearchRecord {
  userId: string;
  queryText: string;
  queryEmbedding: number[] | null;
  filters: Record<string, unknown>;
  limit: number;
  resultsCount: number;
  responseTimeMs: number;
}

/** Writes a search to the history (its month's partition) and counts it toward the month's searches. */
export async function recordSearch(tx: MediaTx, storage: EmbeddingStorage, search: SearchRecord): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ id: string }>>(sql`
    INSERT INTO media.search_history (user_id, query_text, query_embedding, filters, sort_by, sort_order, limit_count, results_count, response_time_ms)
    VALUES (${search.userId}::uuid, ${search.queryText}, ${search.queryEmbedding ? vectorParam(storage, search.queryEmbedding) : null},
            ${JSON.stringify(search.filters)}::jsonb, 'similarity', 'desc', ${search.limit}, ${search.resultsCount}, ${search.responseTimeMs})
    RETURNING id::text AS id`);
  await tx.$executeRaw`
    UPDATE media.accounts SET searches_this_month = searches_this_month + 1, last_activity_at = now() WHERE user_id = ${search.userId}::uuid`;
  return row!.id;
}

/**
 * Adds a clicked file to a search's history entry and recomputes its click-through rate
 * (distinct files clicked / results shown). Null when the search is not the caller's.
 */
export async function recordClick(tx: MediaTx, searchId: string, mediaFileId: string): Promise<string | null> {
  const [row] = await tx.$queryRaw<Array<{ id: string }>>(sql`
    UPDATE media.search_history s
       SET clicked_results = clicked.ids,
           click_through_rate = CASE WHEN s.results_count = 0 THEN NULL
                                     ELSE least(cardinality(clicked.ids)::numeric / s.results_count, 1) END
      FROM (SELECT h.id, h.searched_at,
                   ARRAY(SELECT DISTINCT unnest(coalesce(h.clicked_results, '{}') || ${mediaFileId}::uuid)) AS ids
              FROM media.search_history h WHERE h.id = ${searchId}::uuid) clicked
     WHERE s.id = clicked.id AND s.searched_at = clicked.searched_at
    RETURNING s.id::text AS id`);
  return row?.id ?? null;
}
