import { badInput, DEFAULT_LOCALE } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import { Prisma, type Model } from '../generated/prisma/client.js';

const { sql } = Prisma;

export interface SearchHit {
  model: Model;
  score: number;
  matchedBy: 'FULL_TEXT' | 'SIMILAR_SPELLING';
  highlight: string | null;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_RESULTS = 50;
/** How alike (0–1) a name must be to a misspelt query to be offered (pg_trgm word similarity). */
const SIMILAR_SPELLING_THRESHOLD = '0.4';

/**
 * The query as tsquery: English-stemmed ("reasoning" finds "reason") or word for word (names in
 * any language, and words the English dictionary would drop). Either matching is a match.
 */
const tsQuery = (query: string) => sql`(websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('simple', ${query}))`;

/** The description excerpt in `locale` (else en-US) with the matched words marked. */
const highlight = (query: string, locale: string) =>
  sql`ts_headline('english', COALESCE(m.description ->> ${locale}, m.description ->> ${DEFAULT_LOCALE}, ''), ${tsQuery(query)},
                  'StartSel=<b>, StopSel=</b>, MaxWords=20, MinWords=8, MaxFragments=1')`;

/**
 * Full-text search over the weighted search_vector (names A, descriptions B; seed 000), served by
 * the GIN index idx_models_search. Ranked by ts_rank, ties by id.
 */
export function fullTextSearchSql(query: string, locale: string, first: number): Prisma.Sql {
  return sql`
    SELECT hit.id::text AS id, hit.score, ${highlight(query, locale)} AS highlight
    FROM (
      SELECT m.id, ts_rank(m.search_vector, ${tsQuery(query)}) AS score
      FROM catalog.models m
      WHERE m.search_vector @@ ${tsQuery(query)} AND m.is_active
      ORDER BY score DESC, m.id
      LIMIT ${first}
    ) hit
    JOIN catalog.models m ON m.id = hit.id
    ORDER BY hit.score DESC, hit.id`;
}

/** The typo fallback: names (and slugs) spelt like the query, served by the trigram index idx_models_search_trgm. */
export function similarSpellingSql(query: string, first: number): Prisma.Sql {
  return sql`
    SELECT m.id::text AS id, word_similarity(${query}, m.search_text) AS score, NULL::text AS highlight
    FROM catalog.models m
    WHERE ${query} <% m.search_text AND m.is_active
    ORDER BY score DESC, m.id
    LIMIT ${first}`;
}

type Row = { id: string; score: number; highlight: string | null };

export async function searchModels(ctx: CatalogContext, args: { query: string; locale?: string | null; first?: number | null }): Promise<SearchHit[]> {
  const query = args.query.trim();
  const first = args.first ?? 20;
  if (!query) throw badInput('query', 'must not be empty');
  if (query.length > MAX_QUERY_LENGTH) throw badInput('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
  if (!Number.isInteger(first) || first < 1 || first > MAX_RESULTS) throw badInput('first', `must be between 1 and ${MAX_RESULTS}`);
  const locale = args.locale ?? DEFAULT_LOCALE;

  let matchedBy: SearchHit['matchedBy'] = 'FULL_TEXT';
  let rows = await ctx.db.run((tx) => tx.$queryRaw<Row[]>(fullTextSearchSql(query, locale, first)));
  if (rows.length === 0) {
    matchedBy = 'SIMILAR_SPELLING';
    rows = await ctx.db.run(async (tx) => {
      // Transaction-local: the threshold of the `<%` operator, so that the index can apply it.
      await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${SIMILAR_SPELLING_THRESHOLD}, true)`;
      return tx.$queryRaw<Row[]>(similarSpellingSql(query.toLowerCase(), first));
    });
  }
  const models = await ctx.loaders.modelById.loadMany(rows.map((r) => r.id));
  return rows.flatMap((row, i) => {
    const model = models[i];
    return model && !(model instanceof Error) ? [{ model, score: Number(row.score), matchedBy, highlight: row.highlight }] : [];
  });
}
