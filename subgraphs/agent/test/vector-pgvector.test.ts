/**
 * The pgvector branch, which this machine's PostgreSQL cannot run: the real migration and the
 * real search query, in PGlite (PostgreSQL compiled to WebAssembly) with its pgvector extension.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { vector as pgvector } from '@electric-sql/pglite-pgvector';
import type { Sql } from '@sixfold/kit';
import { detectVectorSearch, nearestMemories, type VectorSearch } from '../src/vector-search.js';
import { vector } from './support.js';

const pglite = new PGlite({ extensions: { vector: pgvector } });
/** The slice of a Prisma transaction the search uses, over PGlite. */
const tx = { $queryRaw: async (query: Sql) => (await pglite.query(query.text, query.values)).rows } as never;
let search: VectorSearch;

beforeAll(async () => {
  // What migration 004 relies on from the platform migration and from migration 001.
  await pglite.exec(`
    CREATE ROLE sixfold_agent;
    CREATE SCHEMA platform;
    CREATE FUNCTION platform.current_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;
    CREATE FUNCTION platform.is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT true $$;
    CREATE SCHEMA agent;
    CREATE TABLE agent.conversation_sessions (id uuid PRIMARY KEY, user_id uuid NOT NULL, memory_id uuid, UNIQUE (id, user_id));`);
  await pglite.exec(readFileSync(new URL('../../../prisma/agent/migrations/004.do.memories.sql', import.meta.url), 'utf8'));
  search = await detectVectorSearch({ run: (fn: (t: never) => unknown) => fn(tx) } as never);
  const memories: Array<[string, number[]]> = [['same', vector(2)], ['close', vector(1, 0.5)], ['orthogonal', vector(0, 1)], ['opposite', vector(-1)], ['not embedded', []]];
  for (const [content, embedding] of memories)
    await pglite.query(
      `INSERT INTO agent.distributed_memory (shard_key, user_id, content, embedding, node_id) VALUES ('s', '00000000-0000-4000-8000-000000000001', $1, $2::real[], 'n')`,
      [content, embedding],
    );
});
afterAll(() => pglite.close());

describe('with pgvector installed', () => {
  it('the migration creates the extension and an HNSW index on the embeddings as vectors', async () => {
    expect(search).toEqual({ kind: 'pgvector', schema: 'public' });
    const { rows } = await pglite.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_distributed_memory_embedding'");
    expect(rows[0]?.indexdef).toMatch(/USING hnsw .*vector\(1536\).* vector_cosine_ops\) WHERE \(cardinality\(embedding\) = 1536\)/);
  });

  it('the search ranks by cosine similarity, like the exact fallback', async () => {
    const matches = await nearestMemories(tx, search, vector(1), { first: 10 });
    const contents = await pglite.query<{ id: string; content: string }>('SELECT id::text, content FROM agent.distributed_memory');
    const contentOf = new Map(contents.rows.map((r) => [r.id, r.content]));
    expect(matches.map((m) => contentOf.get(m.id))).toEqual(['same', 'close', 'orthogonal', 'opposite']);
    expect(matches.map((m) => m.similarity)).toEqual([expect.closeTo(1, 6), expect.closeTo(1 / Math.sqrt(1.25), 6), expect.closeTo(0, 6), expect.closeTo(-1, 6)]);
  });

  it('the search can use the index', async () => {
    await pglite.exec('SET enable_seqscan = off');
    // The statement the search sends, captured instead of run, then explained with its values.
    const statement = (await nearestMemories({ $queryRaw: async (query: Sql) => query } as never, search, vector(1), { first: 3 })) as unknown as Sql;
    const plan = await pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using idx_distributed_memory_embedding/);
  });
});
