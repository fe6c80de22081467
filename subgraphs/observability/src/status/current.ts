import { Prisma } from '../generated/prisma/client.js';
import type { ObservabilityTx } from '../context.js';

/** A model's status in one region: its latest 5-minute rollup. */
export interface CurrentStatus {
  modelId: string;
  region: string;
  /** Percent. */
  availability: number;
  /** Milliseconds. */
  latencyP50: number | null;
  latencyP95: number | null;
  latencyP99: number | null;
  /** Percent. */
  errorRate: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  probeCount: number;
  /** When the newest probe of the rollup ran (an ISO string once it has crossed the bus or Redis). */
  updatedAt: Date | string;
}

export interface StatusPair {
  modelId: string;
  region: string;
}

export const pairKey = ({ modelId, region }: StatusPair) => `${modelId}:${region}`;

const STATUS_COLUMNS = Prisma.raw(`
  s.avg_availability AS availability,
  round(s.avg_latency_p50)::int AS "latencyP50",
  round(s.avg_latency_p95)::int AS "latencyP95",
  round(s.avg_latency_p99)::int AS "latencyP99",
  s.avg_error_rate AS "errorRate",
  round(s.total_requests::numeric / s.probe_count)::int AS "requestsPerMinute",
  round(s.total_tokens::numeric / s.probe_count)::float8 AS "tokensPerMinute",
  s.probe_count AS "probeCount",
  s.last_probe_at AS "updatedAt"`);

/**
 * The latest 5-minute rollup of each (model, region) pair `pairs` selects, in one statement: one
 * index lookup per pair (the rollup's primary key ends with the bucket), so the cost does not grow
 * with history. Pairs without any rollup are absent from the result.
 */
function latestOf(tx: ObservabilityTx, pairs: Prisma.Sql): Promise<CurrentStatus[]> {
  return tx.$queryRaw<CurrentStatus[]>`
    SELECT k.model_id::text AS "modelId", k.region, ${STATUS_COLUMNS}
    FROM (${pairs}) AS k(model_id, region)
    CROSS JOIN LATERAL (
      SELECT * FROM observability.status_5min s
      WHERE s.model_id = k.model_id AND s.region = k.region
      ORDER BY s.bucket DESC LIMIT 1
    ) s
    ORDER BY k.model_id, k.region`;
}

export async function latestStatuses(tx: ObservabilityTx, pairs: readonly StatusPair[]): Promise<CurrentStatus[]> {
  if (pairs.length === 0) return [];
  return latestOf(tx, Prisma.sql`SELECT * FROM unnest(${pairs.map((p) => p.modelId)}::uuid[], ${pairs.map((p) => p.region)}::text[])`);
}

/** Every region's latest status for these models. */
export async function latestStatusesInEveryRegion(tx: ObservabilityTx, modelIds: readonly string[]): Promise<CurrentStatus[]> {
  if (modelIds.length === 0) return [];
  return latestOf(tx, Prisma.sql`SELECT m.id, r.slug FROM unnest(${[...modelIds]}::uuid[]) AS m(id) CROSS JOIN observability.regions r`);
}

/** The latest status of every active monitored model, in `region` or in every region. */
export async function latestStatusesOfActiveModels(tx: ObservabilityTx, region: string | null): Promise<CurrentStatus[]> {
  return latestOf(
    tx,
    Prisma.sql`SELECT m.id, r.slug FROM observability.monitored_models m CROSS JOIN observability.regions r
               WHERE m.is_active AND (${region}::text IS NULL OR r.slug = ${region})`,
  );
}

/** Groups statuses by model, keeping their order. */
export function byModel(statuses: readonly CurrentStatus[]): Map<string, CurrentStatus[]> {
  const groups = new Map<string, CurrentStatus[]>();
  for (const status of statuses) {
    const group = groups.get(status.modelId);
    if (group) group.push(status);
    else groups.set(status.modelId, [status]);
  }
  return groups;
}
