import type { CurrentStatus, StatusPair } from '../status/current.js';

export type RankingMetric = 'AVAILABILITY' | 'LATENCY' | 'USAGE';

/** Which end of each ranking is best. */
export const HIGHEST_FIRST: Record<RankingMetric, boolean> = { AVAILABILITY: true, LATENCY: false, USAGE: true };

/** A model's score in one ranking: per region, or across every region (`region: null`). */
export interface RankingScore {
  metric: RankingMetric;
  region: string | null;
  modelId: string;
  score: number;
}

/** A model's place-giving number: its score in a ranking, or its views in a day's trending. */
export interface Ranked {
  modelId: string;
  score: number;
}

/** A cached status is "live" this long after its probes arrived; then reads fall back to the database. */
export const STATUS_TTL_SECONDS = 30;
/**
 * A ranking is rebuilt from PostgreSQL this often (on the first read after it expires), which
 * drops models that stopped reporting; in between, ingestion keeps its scores current.
 */
export const RANKING_TTL_SECONDS = 5 * 60;
/** Trending counts are per UTC day and kept a week (seed 000). */
export const TRENDING_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The real-time side of observability (seed 000 "Redis Data Structures"): the current status per
 * model and region, rankings by availability, latency and usage, and trending models per day.
 * Redis in production (shared by every replica); an in-process stand-in when no REDIS_URL is set.
 *
 * A cache, never the source of truth: writes that fail are skipped, and reads answer `undefined`
 * when the cache cannot answer, so callers fall back to PostgreSQL. Nothing here throws.
 */
export interface LiveStatusStore {
  readonly kind: 'redis' | 'in-process';
  /**
   * Caches each status for STATUS_TTL_SECONDS (unless a newer one is cached) and updates the
   * scores of the rankings that are cached. A ranking that is not cached is left alone: made of
   * one batch's models only, it would be wrong; the next read rebuilds it whole.
   */
  record(statuses: readonly CurrentStatus[], scores: readonly RankingScore[]): Promise<void>;
  /** The cached statuses among `pairs`, by pairKey. */
  statuses(pairs: readonly StatusPair[]): Promise<Map<string, CurrentStatus> | undefined>;
  /** The best `first` models of a ranking; `undefined` when it is not cached. */
  ranking(metric: RankingMetric, region: string | null, first: number): Promise<Ranked[] | undefined>;
  /** Caches a whole ranking, computed from the database, for RANKING_TTL_SECONDS. */
  storeRanking(metric: RankingMetric, region: string | null, entries: readonly Ranked[]): Promise<void>;
  /** Adds model views to a UTC day's trending counts (`day` is YYYY-MM-DD), when the day is cached. */
  countViews(day: string, views: ReadonlyMap<string, number>): Promise<void>;
  /** The most viewed models of a day; `undefined` when the day is not cached. */
  trending(day: string, first: number): Promise<Ranked[] | undefined>;
  /** Caches a day's view counts, computed from the database. */
  storeTrending(day: string, entries: readonly Ranked[]): Promise<void>;
  close(): Promise<void>;
}

/** Key layout under the deployment's prefix. Models are keyed by id, which never changes (slugs may). */
export function liveKeys(prefix: string) {
  const base = `${prefix}observability:`;
  return {
    status: (modelId: string, region: string) => `${base}status:${modelId}:${region}`,
    ranking: (metric: RankingMetric, region: string | null) => `${base}models:by:${metric.toLowerCase()}:${region ?? 'all'}`,
    trending: (day: string) => `${base}trending:models:${day}`,
  };
}
