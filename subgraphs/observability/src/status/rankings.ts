import type { ObservabilityTx } from '../context.js';
import { HIGHEST_FIRST, type Ranked, type RankingMetric, type RankingScore } from '../live/store.js';
import { byModel, latestStatusesOfActiveModels, type CurrentStatus } from './current.js';

export interface RankedModel {
  rank: number;
  modelId: string;
  score: number;
}

const METRICS: RankingMetric[] = ['AVAILABILITY', 'LATENCY', 'USAGE'];
/** Models whose latest status is older than this are not ranked (they stopped reporting). */
const RANKING_FRESHNESS_MS = 60 * 60 * 1000;

const isFresh = (status: CurrentStatus) => new Date(status.updatedAt).getTime() >= Date.now() - RANKING_FRESHNESS_MS;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** A model's scores across regions: mean availability and p95 latency, total requests per minute. */
function modelWideScores(statuses: readonly CurrentStatus[]): Record<RankingMetric, number | null> {
  const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);
  const usage = present(statuses.map((s) => s.requestsPerMinute));
  return {
    AVAILABILITY: mean(statuses.map((s) => s.availability)),
    LATENCY: mean(present(statuses.map((s) => s.latencyP95))),
    USAGE: usage.length ? usage.reduce((a, b) => a + b, 0) : null,
  };
}

function scoresOf(status: CurrentStatus): Record<RankingMetric, number | null> {
  return { AVAILABILITY: status.availability, LATENCY: status.latencyP95, USAGE: status.requestsPerMinute };
}

/**
 * What a probe batch changes in the rankings: the per-region scores of the (model, region) pairs
 * it touched, and the model-wide scores of the models it touched, from their status in every
 * region. Only recent statuses count (a backfill of old probes ranks nobody).
 */
export function rankingScores(touched: readonly CurrentStatus[], everyRegion: readonly CurrentStatus[]): RankingScore[] {
  const scores: RankingScore[] = [];
  const add = (region: string | null, modelId: string, values: Record<RankingMetric, number | null>) => {
    for (const metric of METRICS) {
      const score = values[metric];
      if (score !== null) scores.push({ metric, region, modelId, score });
    }
  };
  for (const status of touched.filter(isFresh)) add(status.region, status.modelId, scoresOf(status));
  for (const [modelId, statuses] of byModel(everyRegion.filter(isFresh))) add(null, modelId, modelWideScores(statuses));
  return scores;
}

/** Puts a ranking's entries in order (ties by model id, as Redis orders them) and numbers the first ones. */
export function rank(entries: readonly Ranked[], metric: RankingMetric, first: number): RankedModel[] {
  const direction = HIGHEST_FIRST[metric] ? -1 : 1;
  return [...entries]
    .sort((a, b) => direction * (a.score - b.score || a.modelId.localeCompare(b.modelId)))
    .slice(0, first)
    .map((entry, i) => ({ rank: i + 1, ...entry }));
}

/**
 * A whole ranking computed from PostgreSQL, for when the cache has none (expired, Redis restarted
 * or away): active monitored models by their latest status, if it is recent.
 */
export async function rankingFromDatabase(tx: ObservabilityTx, metric: RankingMetric, region: string | null): Promise<Ranked[]> {
  const statuses = (await latestStatusesOfActiveModels(tx, region)).filter(isFresh);
  const entries: Ranked[] = [];
  for (const [modelId, own] of byModel(statuses)) {
    const score = (region ? scoresOf(own[0]!) : modelWideScores(own))[metric];
    if (score !== null) entries.push({ modelId, score });
  }
  return entries;
}
