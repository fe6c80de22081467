/**
 * The catalog at scale (a database seeded with more than 10,000 models): searchModels stays an
 * index lookup (the planner chooses the GIN indexes for the very statements the resolver sends),
 * and the seed's percentiles are those the database's own ranking computes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { fullTextSearchSql, similarSpellingSql } from '../src/directory/search.js';
import { scratchCatalogDatabase } from './support.js';

let database: Awaited<ReturnType<typeof scratchCatalogDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  // Scale 11: the 30 real models plus 10,000 generated fine-tunes.
  database = await scratchCatalogDatabase('search_scale', 11);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('ANALYZE catalog.models');
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** Every index the plan of `statement` scans. */
async function indexesUsed(statement: { text: string; values: unknown[] }): Promise<string[]> {
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
  const found: string[] = [];
  const walk = (node: Record<string, any>) => {
    if (node['Index Name']) found.push(node['Index Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan);
  return found;
}

describe('searchModels on a large directory', () => {
  it('has more than 10,000 models to search', async () => {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM catalog.models');
    expect(rows[0].n).toBeGreaterThanOrEqual(10_000);
  });

  it('finds words through the full-text GIN index', async () => {
    for (const query of ['sonnet', 'reasoning model', '通义千问']) {
      expect(await indexesUsed(fullTextSearchSql(query, 'en-US', 20))).toContain('idx_models_search');
    }
  });

  it('finds similar spellings through the trigram GIN index', async () => {
    await client.query('BEGIN');
    try {
      await client.query("SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', true)");
      expect(await indexesUsed(similarSpellingSql('claud sonet', 20))).toContain('idx_models_search_trgm');
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

describe('the seed at scale', () => {
  it('stores the percentiles catalog.rank_benchmark_scores computes', async () => {
    await client.query('BEGIN');
    try {
      const read = () => client.query('SELECT id, percentile FROM catalog.latest_benchmark_scores ORDER BY id');
      const seeded = await read();
      await client.query('SELECT catalog.rank_benchmark_scores(array_agg(id)) FROM catalog.benchmark_suites');
      expect((await read()).rows).toEqual(seeded.rows);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
