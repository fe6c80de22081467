import DataLoader from 'dataloader';
import { groupByKeys, isUuid, loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, type Db } from '@sixfold/kit';
import type { CatalogTx } from './context.js';
import type { NewsModelMention } from './generated/prisma/client.js';

/** The catalog's DataLoaders, created once per request: one per relation, so lists never cost N queries. */
export function createLoaders(db: Db<CatalogTx>) {
  const ids = (keys: readonly string[]) => ({ in: [...keys] });
  // A key that is not a uuid matches nothing (rather than failing the whole batch).
  const uuids = (keys: readonly string[]) => ({ in: keys.filter(isUuid) });
  return {
    providerById: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.provider.findMany({ where: { id: uuids(keys) } })), (p) => p.id),
    providerBySlug: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.provider.findMany({ where: { slug: ids(keys) } })), (p) => p.slug),
    modelById: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.model.findMany({ where: { id: uuids(keys) } })), (m) => m.id),
    modelBySlug: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.model.findMany({ where: { slug: ids(keys) } })), (m) => m.slug),
    suiteById: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.benchmarkSuite.findMany({ where: { id: uuids(keys) } })), (s) => s.id),
    suiteBySlug: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.benchmarkSuite.findMany({ where: { slug: ids(keys) } })), (s) => s.slug),
    articleById: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.newsArticle.findMany({ where: { id: uuids(keys) } })), (a) => a.id),
    /** Row-level security leaves only the caller's own row (every row for admins). */
    preferencesByUser: loaderByKey((keys: readonly string[]) => db.run((tx) => tx.userPreferences.findMany({ where: { userId: uuids(keys) } })), (p) => p.userId),

    /** `Provider.models(first, after)`: newest releases first. */
    modelsByProvider: pagedChildrenLoader(
      db,
      { table: 'catalog.models', parentColumn: 'provider_id', orderBy: 't.released_at DESC NULLS LAST, t.id' },
      (tx, keys) => tx.model.findMany({ where: { id: { in: keys } } }),
      (m) => m.id,
    ),
    /** Every endpoint of each model, in failover order. */
    endpointsByModel: loaderOfGroups(
      (keys: readonly string[]) => db.run((tx) => tx.modelEndpoint.findMany({ where: { modelId: ids(keys) }, orderBy: [{ priority: 'asc' }, { region: 'asc' }] })),
      (e) => e.modelId,
    ),
    /** Prices in effect today that apply in `region`: its own and the global ones (only global ones without a region). */
    currentPricesByModel: loaderFamily((region: string | null) =>
      loaderOfGroups(
        (keys: readonly string[]) =>
          db.run((tx) =>
            tx.currentPricing.findMany({
              where: { modelId: ids(keys), OR: [{ region: null }, ...(region ? [{ region }] : [])] },
              orderBy: [{ tier: 'asc' }, { region: { sort: 'asc', nulls: 'last' } }],
            }),
          ),
        (p) => p.modelId,
      ),
    ),
    /** Every price that applied in `region` (every price without one), newest first per tier. */
    pricingHistoryByModel: loaderFamily((region: string | null) =>
      loaderOfGroups(
        (keys: readonly string[]) =>
          db.run((tx) =>
            tx.pricing.findMany({
              where: { modelId: ids(keys), ...(region ? { OR: [{ region: null }, { region }] } : {}) },
              orderBy: [{ tier: 'asc' }, { region: { sort: 'asc', nulls: 'first' } }, { effectiveFrom: 'desc' }],
            }),
          ),
        (p) => p.modelId,
      ),
    ),
    latestScoresByModel: loaderOfGroups(
      (keys: readonly string[]) => db.run((tx) => tx.latestBenchmarkScore.findMany({ where: { modelId: ids(keys) } })),
      (s) => s.modelId,
    ),
    /** Each model's evaluations on the suite with slug `suite`, newest first. */
    scoreHistoryByModel: loaderFamily((suite: string) =>
      loaderOfGroups(
        (keys: readonly string[]) =>
          db.run((tx) => tx.benchmarkScore.findMany({ where: { modelId: ids(keys), suite: { slug: suite } }, orderBy: { evaluationDate: 'desc' } })),
        (s) => s.modelId,
      ),
    ),
    /** `BenchmarkSuite.leaderboard(first, after)`: latest scores, best first. */
    leaderboardBySuite: pagedChildrenLoader(
      db,
      { table: 'catalog.latest_benchmark_scores', parentColumn: 'suite_id', orderBy: 't.score_normalized DESC NULLS LAST, t.model_id' },
      (tx, keys) => tx.latestBenchmarkScore.findMany({ where: { id: { in: keys } } }),
      (s) => s.id,
    ),
    documentationByModel: loaderOfGroups(
      (keys: readonly string[]) => db.run((tx) => tx.documentation.findMany({ where: { modelId: ids(keys) }, orderBy: [{ docType: 'asc' }, { locale: 'asc' }, { id: 'asc' }] })),
      (d) => d.modelId,
    ),
    mentionsByArticle: loaderOfGroups(
      (keys: readonly string[]) => db.run((tx) => tx.newsModelMention.findMany({ where: { newsId: ids(keys) } })),
      (m) => m.newsId,
    ),
    /** `Model.news(first)`: the latest `first` published articles mentioning each model, in one statement. */
    mentionsByModel: loaderFamily(
      (first: number) =>
        new DataLoader<string, NewsModelMention[]>(async (keys) => {
          const rows = await db.run((tx) =>
            tx.$queryRaw<NewsModelMention[]>`
              SELECT news_id::text AS "newsId", model_id::text AS "modelId", mention_type AS "mentionType"
              FROM (
                SELECT mm.*, row_number() OVER (PARTITION BY mm.model_id ORDER BY a.published_at DESC, a.id) AS position
                FROM catalog.news_model_mentions mm
                JOIN catalog.news_articles a ON a.id = mm.news_id
                WHERE mm.model_id = ANY(${[...keys]}::uuid[]) AND a.published_at <= now()
              ) ranked
              WHERE position <= ${first}
              ORDER BY position`,
          );
          return groupByKeys(keys, rows, (r) => r.modelId);
        }),
    ),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;
