/**
 * The pgvector path, which this machine's PostgreSQL cannot take (no pgvector): the real
 * migrations and the subgraph's own search SQL run in PGlite, an in-process PostgreSQL that ships
 * pgvector. Same known vectors, same ranking as the exact real[] path (similarity.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { vector as pgvector } from '@electric-sql/pglite/vector';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { sql, type Sql } from '@sixfold/kit';
import type { MediaTx } from '../src/db.js';
import { recordSearch } from '../src/search/history.js';
import { nearestMedia, storedEmbeddingOf, vectorParam } from '../src/search/similarity.js';
import { cosine, vector } from './helpers.js';

let db: PGlite;
/** The two raw-SQL methods of a Prisma transaction the search code uses, on PGlite. */
let tx: MediaTx;
const owner = '11111111-1111-4111-8111-111111111111';
const query = vector(1, 0, 0);
const fixtures = { close: vector(1, 0.1), diagonal: vector(1, 1), orthogonal: vector(0, 1), opposite: vector(-1, 0.2) };
const ids: Record<string, string> = {};

const migrations = (domain: string) => {
  const dir = new URL(`../../../prisma/${domain}/migrations/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(new URL(f, dir), 'utf8'));
};

beforeAll(async () => {
  db = await PGlite.create({ extensions: { vector: pgvector, btree_gin, btree_gist, pg_trgm, pgcrypto, uuid_ossp } });
  for (const sql of [...migrations('platform'), ...migrations('media')]) await db.exec(sql);
  // Called with a Sql object, or as a tagged template.
  const toSql = (q: Sql | TemplateStringsArray, values: unknown[]) => ('text' in q ? q : sql(q, ...values));
  const run = async (q: Sql | TemplateStringsArray, ...values: unknown[]) => {
    const { text, values: params } = toSql(q, values);
    return db.query(text, params as unknown[]);
  };
  tx = { $queryRaw: async (...args: Parameters<typeof run>) => (await run(...args)).rows, $executeRaw: async (...args: Parameters<typeof run>) => (await run(...args)).affectedRows ?? 0 } as unknown as MediaTx;

  await db.query('INSERT INTO media.accounts (user_id) VALUES ($1)', [owner]);
  for (const [name, embedding] of Object.entries(fixtures)) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO media.media_files (user_id, filename, original_filename, file_type, mime_type, file_size_bytes, s3_key, s3_bucket, status)
       VALUES ($1, $2, $2, 'image', 'image/jpeg', 1000, $2, 'bucket', 'completed') RETURNING id`, [owner, `${name}.jpg`]);
    ids[name] = rows[0]!.id;
    // As the seed and the job queue write them: real[], cast by pgvector on the way in.
    await db.query(`INSERT INTO media.media_embeddings (media_file_id, embedding, source_text) VALUES ($1, $2::real[], 'x')`, [ids[name], embedding]);
  }
}, 60_000);
afterAll(() => db?.close());

describe('with pgvector', () => {
  it('the migration stores vector(1536) behind an HNSW cosine index', async () => {
    expect((await db.query<{ s: string }>('SELECT media.embedding_storage() AS s')).rows[0]!.s).toBe('vector');
    const { rows } = await db.query<{ type: string }>(`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid IN ('media.media_embeddings'::regclass, 'media.search_history'::regclass) AND attname IN ('embedding', 'query_embedding')`);
    expect(rows.map((r) => r.type)).toEqual(['vector(1536)', 'vector(1536)']);
    const index = await db.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'idx_media_embeddings_vector'`);
    expect(index.rows[0]!.def).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
  });

  it('ranks by the <=> operator exactly as the real[] path does', async () => {
    const hits = await nearestMedia(tx, { storage: 'vector', query: vectorParam('vector', query), first: 10 });
    const names = ['close', 'diagonal', 'orthogonal', 'opposite'];
    expect(hits.map((h) => h.mediaFileId)).toEqual(names.map((n) => ids[n]));
    hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(cosine(query, fixtures[names[i] as keyof typeof fixtures]), 5));
  });

  it('finds similar files from a stored embedding, and records searches with their vector', async () => {
    const hits = await nearestMedia(tx, { storage: 'vector', query: storedEmbeddingOf(ids.close!), first: 2, excludeFileId: ids.close! });
    expect(hits.map((h) => h.mediaFileId)).toEqual([ids.diagonal, ids.orthogonal]);
    const searchId = await recordSearch(tx, 'vector', { userId: owner, queryText: 'q', queryEmbedding: query, filters: {}, limit: 10, resultsCount: 4, responseTimeMs: 3 });
    const { rows } = await db.query<{ d: number }>(`SELECT query_embedding <=> $1::real[]::vector AS d FROM media.search_history WHERE id = $2`, [query, searchId]);
    expect(rows[0]!.d).toBeCloseTo(0, 6);
  });
});
