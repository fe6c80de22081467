/**
 * The whole graph with a read replica configured: DATABASE_READ_URL is the primary itself here, so
 * every query runs in a READ ONLY transaction as it would on a real replica. Queries that write
 * must be declared (`queriesThatWrite`) to run on the primary; any other write would fail.
 * (Which database answers is proved in packages/kit/test/read-replica.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootGraph, contractOperation, env, seedSecrets, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
const admin = { token: seedSecrets().demoAdminKey! };

beforeAll(async () => {
  graph = await bootGraph({ databaseReadUrl: env().databaseUrl });
});
afterAll(() => graph.stop());

describe('with a read replica', () => {
  it('records a media search: it is declared, so it runs on the primary', async () => {
    const res = await graph.query<any>('{ searchMedia(text: "beach", first: 5) { searchId hits { mediaFile { filename } } } }', {}, admin);
    expect(res.errors).toBeUndefined();
    const owner = new pg.Client({ connectionString: env().databaseUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query('SELECT query_text FROM media.search_history WHERE id = $1', [res.data.searchMedia.searchId]);
      expect(rows).toEqual([{ query_text: 'beach' }]);
    } finally {
      await owner.end();
    }
  });

  it('searches agent memories without writing', async () => {
    const embedding = Array.from({ length: 1536 }, (_, i) => (i === 0 ? 1 : 0));
    const res = await graph.query('query ($e: [Float!]!) { searchMemories(embedding: $e, first: 5) { similarity memory { id } } }', { e: embedding }, admin);
    expect(res.errors).toBeUndefined();
  });

  it('answers a query across subgraphs from the replica', async () => {
    const me = await graph.query<any>('{ me { id } }', {}, admin);
    // The demo admin through tenancy, media, agent and fsm (entity fetches are queries too).
    const res = await graph.query<any>(contractOperation('UserOverview'), { id: me.data.me.id }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.user).toMatchObject({ email: expect.any(String), mediaFiles: { totalCount: expect.any(Number) }, llmRequests: { totalCount: expect.any(Number) } });
  });
});
