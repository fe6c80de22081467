import { badInput } from '@sixfold/kit';
import type { ObservabilityTx } from '../context.js';
import type { Ranked } from '../live/store.js';

/** More models than any catalog has: the day's counts are cached whole. */
const MAX_TRENDING_MODELS = 100_000;

export interface TrendingEntry {
  modelId: string;
  views: number;
}

/** The UTC day of a time, as trending keys use it: YYYY-MM-DD. */
export const utcDay = (time: Date) => time.toISOString().slice(0, 10);

export function parseDay(day: string | null | undefined): string {
  if (!day) return utcDay(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw badInput('day', 'must be a date like 2026-11-22');
  return day;
}

/** A day's view counts of every model, from the events themselves (for when the cache has none). */
export function trendingFromDatabase(tx: ObservabilityTx, day: string): Promise<Ranked[]> {
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + 24 * 60 * 60 * 1000);
  return tx.$queryRaw<Ranked[]>`
    SELECT model_id AS "modelId", views::float8 AS score
    FROM observability.model_view_counts(${start}::timestamptz, ${end}::timestamptz, ${MAX_TRENDING_MODELS}::int)`;
}

/** The most viewed first (ties by model id, as Redis orders them). */
export function topViewed(counts: readonly Ranked[], first: number): TrendingEntry[] {
  return [...counts]
    .sort((a, b) => b.score - a.score || b.modelId.localeCompare(a.modelId))
    .slice(0, first)
    .map(({ modelId, score }) => ({ modelId, views: score }));
}
