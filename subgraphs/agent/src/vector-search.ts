import { empty, raw, sql, type Db } from '@sixfold/kit';
import type { AgentTx } from './context.js';

export const EMBEDDING_DIMENSIONS = 1536;

/**
 * How this database finds the nearest vector memories. Embeddings are real[] everywhere
 * (migrations/004): with pgvector installed, they are compared as vectors through its HNSW index
 * (approximate, fast); without it, agent.cosine_distance computes exact distances (a full scan of
 * the caller's embedded memories: correct, slower).
 */
export type VectorSearch = { kind: 'pgvector'; schema: string } | { kind: 'exact' };

/** Where pgvector's types live, if it is installed. */
const VECTOR_SCHEMA = sql`
  SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'`;

export async function detectVectorSearch(db: Db<AgentTx>): Promise<VectorSearch> {
  return db.run(async (tx) => {
    const [vector] = await tx.$queryRaw<Array<{ schema: string }>>(VECTOR_SCHEMA);
    return vector ? { kind: 'pgvector', schema: vector.schema } : { kind: 'exact' };
  });
}

interface MemoryMatchRow {
  id: string;
  similarity: number;
}

/**
 * The `first` embedded memories nearest to `embedding` by cosine similarity, nearest first, among
 * those row-level security lets the caller see. `embedding` is validated by the caller: 1536
 * finite numbers, not all zero.
 */
export function nearestMemories(
  tx: Pick<AgentTx, '$queryRaw'>,
  search: VectorSearch,
  embedding: number[],
  options: { first: number; shardKey?: string | null },
): Promise<MemoryMatchRow[]> {
  const shard = options.shardKey ? sql`AND shard_key = ${options.shardKey}` : empty;
  // A literal, not a parameter: the planner matches it to the partial index's predicate.
  const dimensions = raw(String(EMBEDDING_DIMENSIONS));
  if (search.kind === 'pgvector') {
    // The ORDER BY repeats the index expression exactly, so the planner can use the HNSW index.
    const schema = raw(`"${search.schema.replace(/"/g, '""')}"`);
    const vector = sql`${schema}.vector(${dimensions})`;
    const distance = sql`(embedding::${vector}) OPERATOR(${schema}.<=>) (${embedding}::real[]::${vector})`;
    return tx.$queryRaw<MemoryMatchRow[]>(sql`
      SELECT id::text AS id, 1 - (${distance}) AS similarity
      FROM agent.distributed_memory
      WHERE cardinality(embedding) = ${dimensions} ${shard}
      ORDER BY ${distance}
      LIMIT ${options.first}`);
  }
  return tx.$queryRaw<MemoryMatchRow[]>(sql`
    SELECT id::text AS id, 1 - distance AS similarity FROM (
      SELECT id, agent.cosine_distance(embedding, ${embedding}::real[]) AS distance
      FROM agent.distributed_memory
      WHERE cardinality(embedding) = ${dimensions} ${shard}
    ) scored
    WHERE distance IS NOT NULL
    ORDER BY distance, id
    LIMIT ${options.first}`);
}
