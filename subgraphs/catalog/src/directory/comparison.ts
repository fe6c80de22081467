import { badInput } from '@sixfold/kit';
import type { CatalogContext } from '../context.js';
import type { BenchmarkScore, BenchmarkSuite, Model } from '../generated/prisma/client.js';

export interface ComparisonRow {
  model: Model;
  /** Aligned with the comparison's suites; null where the model has no score. */
  scores: Array<BenchmarkScore | null>;
}

export interface Comparison {
  suites: BenchmarkSuite[];
  rows: ComparisonRow[];
}

export const MAX_COMPARED = 20;

/** Loads every key or names the first that does not exist (`field[i]`). */
async function loadAll<T>(field: string, keys: readonly string[], load: (keys: readonly string[]) => Promise<Array<T | null | Error>>, what: string): Promise<T[]> {
  if (keys.length === 0) throw badInput(field, 'name at least one');
  if (keys.length > MAX_COMPARED) throw badInput(field, `name at most ${MAX_COMPARED}`);
  const duplicate = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (duplicate >= 0) throw badInput(`${field}[${duplicate}]`, `"${keys[duplicate]}" is named twice`);
  const found = await load(keys);
  return found.map((item, i) => {
    if (item instanceof Error) throw item;
    if (!item) throw badInput(`${field}[${i}]`, `no ${what} "${keys[i]}"`);
    return item;
  });
}

/**
 * Several models' latest scores on several suites, in three statements whatever the numbers:
 * the models, the suites, and every score at once. Percentiles come with the scores
 * (catalog.rank_benchmark_scores keeps them current).
 */
export async function compareModels(ctx: CatalogContext, slugs: readonly string[], suiteSlugs: readonly string[]): Promise<Comparison> {
  const [models, suites] = await Promise.all([
    loadAll('slugs', slugs, (keys) => ctx.loaders.modelBySlug.loadMany(keys), 'model'),
    loadAll('suites', suiteSlugs, (keys) => ctx.loaders.suiteBySlug.loadMany(keys), 'benchmark suite'),
  ]);
  const scores = await ctx.db.run((tx) =>
    tx.latestBenchmarkScore.findMany({ where: { modelId: { in: models.map((m) => m.id) }, suiteId: { in: suites.map((s) => s.id) } } }),
  );
  const byPair = new Map(scores.map((s) => [`${s.modelId}/${s.suiteId}`, s]));
  return {
    suites,
    rows: models.map((model) => ({ model, scores: suites.map((suite) => byPair.get(`${model.id}/${suite.id}`) ?? null) })),
  };
}
