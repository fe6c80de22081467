/**
 * Similarity search on this machine's storage path: without pgvector, embeddings are real[] and
 * the cosine distance is computed exactly in SQL. Known vectors give known rankings.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CLAIM, COMPLETE, cosine, errorCode, mediaUnderTest, ok, processFile, registerImage, setTier, userIdentity, vector, WORKER } from './helpers.js';

const { subgraph, db } = mediaUnderTest();
const me = userIdentity();
const query = vector(1, 0, 0);
const files: Record<string, { id: string; embedding: number[] }> = {};
const SEARCH = `query ($e: [Float!], $t: String, $f: MediaFileFilter, $first: Int) {
  searchMedia(embedding: $e, text: $t, filter: $f, first: $first) { searchId responseTimeMs hits { similarity mediaFile { id filename } matchedEmbedding { segmentType startTimeSeconds endTimeSeconds } } } }`;

beforeAll(async () => {
  await setTier(db, me.userId!, 'ultimate');
  const fixtures = {
    close: { embedding: vector(1, 0.1), summary: 'A sunny beach' },
    diagonal: { embedding: vector(1, 1), summary: 'A beach at dusk' },
    orthogonal: { embedding: vector(0, 1), summary: 'A mountain lake' },
    opposite: { embedding: vector(-1, 0.2), summary: 'A city at night' },
  };
  for (const [name, { embedding, summary }] of Object.entries(fixtures)) {
    const file = await registerImage(subgraph, me, { filename: `${name}.jpg`, tags: [name] });
    await processFile(subgraph, file.id, embedding, { aiSummary: summary });
    files[name] = { id: file.id, embedding };
  }
  // Files that must never be found: one still queued, one deleted after processing.
  const queued = await registerImage(subgraph, me, { filename: 'queued.jpg' });
  files.queued = { id: queued.id, embedding: query };
  const deleted = await registerImage(subgraph, me, { filename: 'deleted.jpg' });
  await processFile(subgraph, deleted.id, query);
  await ok(subgraph, 'mutation ($id: ID!) { deleteMediaFile(id: $id) { id } }', { id: deleted.id }, me);
});

describe('the exact (real[]) path', () => {
  it('is the one this database uses', async () => {
    const { rows } = await db.query('SELECT media.embedding_storage() AS storage');
    expect(rows[0].storage).toBe('array');
  });

  it('computes the cosine distance exactly', async () => {
    const a = Array.from({ length: 1536 }, (_, i) => Math.sin(i));
    const b = Array.from({ length: 1536 }, (_, i) => Math.cos(i * 0.7));
    const { rows } = await db.query('SELECT media.cosine_distance($1::real[], $2::real[]) AS d, media.cosine_distance($1::real[], $1::real[]) AS self', [a, b]);
    expect(rows[0].d).toBeCloseTo(1 - cosine(a, b), 5);
    expect(rows[0].self).toBeCloseTo(0, 6);
  });
});

describe('searchMedia', () => {
  it('ranks processed files by cosine similarity to the query, leaving out unprocessed and deleted ones', async () => {
    const { searchMedia } = await ok(subgraph, SEARCH, { e: query }, me);
    const names = ['close', 'diagonal', 'orthogonal', 'opposite'];
    expect(searchMedia.hits.map((h: any) => h.mediaFile.filename)).toEqual(names.map((n) => `${n}.jpg`));
    searchMedia.hits.forEach((hit: any, i: number) => expect(hit.similarity).toBeCloseTo(cosine(query, files[names[i]!]!.embedding), 5));
    expect(searchMedia.hits[0].matchedEmbedding.segmentType).toBe('FULL');
  });

  it('narrows by text and filters, and honours first', async () => {
    const byText = await ok(subgraph, SEARCH, { e: query, t: 'beach' }, me);
    expect(byText.searchMedia.hits.map((h: any) => h.mediaFile.filename)).toEqual(['close.jpg', 'diagonal.jpg']);
    const byTag = await ok(subgraph, SEARCH, { e: query, f: { tags: ['opposite'] } }, me);
    expect(byTag.searchMedia.hits.map((h: any) => h.mediaFile.filename)).toEqual(['opposite.jpg']);
    const top = await ok(subgraph, SEARCH, { e: query, first: 1 }, me);
    expect(top.searchMedia.hits).toHaveLength(1);
  });

  it('finds by text alone, best match first, without a similarity', async () => {
    const { searchMedia } = await ok(subgraph, SEARCH, { t: 'mountain' }, me);
    expect(searchMedia.hits).toEqual([{ similarity: null, mediaFile: { id: files.orthogonal!.id, filename: 'orthogonal.jpg' }, matchedEmbedding: null }]);
  });

  it('matches a video by its best segment', async () => {
    const video = await registerImage(subgraph, me, { filename: 'clip.mp4', fileType: 'VIDEO', mimeType: 'video/mp4', durationSeconds: '20', hasAudio: false });
    for (;;) {
      const { claimProcessingJobs: [job] } = await ok(subgraph, CLAIM, { limit: 1, files: [video.id] }, WORKER);
      if (!job) break;
      const embeddings = job.jobType === 'EMBEDDING_GENERATION'
        ? [
            { vector: vector(0, 0, 1), sourceText: 'the whole clip' },
            { vector: vector(1, 0.05), sourceText: 'the second half', segmentType: 'TEMPORAL', startTimeSeconds: '10.000', endTimeSeconds: '20.000' },
          ]
        : [];
      await ok(subgraph, COMPLETE, { input: { jobId: job.id, embeddings } }, WORKER);
    }
    const { searchMedia } = await ok(subgraph, SEARCH, { e: query, first: 1 }, me);
    expect(searchMedia.hits[0]).toMatchObject({ mediaFile: { filename: 'clip.mp4' }, matchedEmbedding: { segmentType: 'TEMPORAL', startTimeSeconds: '10', endTimeSeconds: '20' } });
    expect(searchMedia.hits[0].similarity).toBeCloseTo(cosine(query, vector(1, 0.05)), 5);
  });

  it('rejects query vectors that cannot be compared', async () => {
    expect((await subgraph.query(SEARCH, { e: [1, 2, 3] }, me)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'embedding' });
    expect((await subgraph.query(SEARCH, { e: vector() }, me)).errors?.[0]?.message).toBe('embedding: must not be all zeros');
    expect((await subgraph.query(SEARCH, {}, me)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorCode(await subgraph.query(SEARCH, { e: query }))).toBe('UNAUTHENTICATED');
  });
});

describe('similarMedia', () => {
  it('ranks the other files by similarity to the file\'s own embedding', async () => {
    const { similarMedia } = await ok(subgraph, `query ($id: ID!) { similarMedia(mediaFileId: $id, first: 3, filter: { fileType: IMAGE }) { hits { similarity mediaFile { filename } } } }`, { id: files.close!.id }, me);
    const others = ['diagonal', 'orthogonal', 'opposite'].map((n) => ({ n, s: cosine(files.close!.embedding, files[n]!.embedding) })).sort((a, b) => b.s - a.s);
    expect(similarMedia.hits.map((h: any) => h.mediaFile.filename)).toEqual(others.map((o) => `${o.n}.jpg`));
    similarMedia.hits.forEach((h: any, i: number) => expect(h.similarity).toBeCloseTo(others[i]!.s, 5));
  });

  it('answers NOT_FOUND for a file the caller cannot see', async () => {
    const res = await subgraph.query('query ($id: ID!) { similarMedia(mediaFileId: $id) { hits { similarity } } }', { id: files.close!.id }, userIdentity());
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});

describe('search history', () => {
  it('records each search with its results, and clicks as a click-through rate', async () => {
    const other = userIdentity();
    await setTier(db, other.userId!, 'ultimate');
    const file = await registerImage(subgraph, other);
    await processFile(subgraph, file.id, query);
    const { searchMedia } = await ok(subgraph, SEARCH, { e: query, t: 'test image' }, other);
    expect(searchMedia.hits).toHaveLength(1);
    await ok(subgraph, 'mutation ($s: ID!, $f: ID!) { recordMediaSearchClick(searchId: $s, mediaFileId: $f) { id } }', { s: searchMedia.searchId, f: file.id }, other);
    const history = await ok(subgraph, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User {
      mediaSearchHistory(first: 5) { totalCount edges { node { id queryText filters resultsCount clickedMediaFileIds clickThroughRate responseTimeMs } } }
      usage { searchesThisMonth dailySearches(days: 1) { searchCount } } } } }`, { r: [{ __typename: 'User', id: other.userId }] }, other);
    const user = history._entities[0];
    expect(user.mediaSearchHistory.totalCount).toBe(1);
    expect(user.mediaSearchHistory.edges[0].node).toMatchObject({
      id: searchMedia.searchId, queryText: 'test image', filters: { text: 'test image' }, resultsCount: 1, clickedMediaFileIds: [file.id], clickThroughRate: '1',
    });
    expect(user.usage).toEqual({ searchesThisMonth: 1, dailySearches: [{ searchCount: 1 }] });
    // Stored in the partition of its month, with the query vector.
    const { rows } = await db.query('SELECT tableoid::regclass::text AS partition, cardinality(query_embedding) AS dims FROM media.search_history WHERE id = $1', [searchMedia.searchId]);
    const now = new Date();
    expect(rows[0]).toEqual({ partition: `media.search_history_y${now.getUTCFullYear()}m${String(now.getUTCMonth() + 1).padStart(2, '0')}`, dims: 1536 });
  });
});
