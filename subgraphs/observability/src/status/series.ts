import { badInput } from '@sixfold/kit';
import { Prisma } from '../generated/prisma/client.js';
import type { ObservabilityTx } from '../context.js';

export type TimeBucket = 'FIVE_MINUTES' | 'HOUR' | 'DAY';
export type UptimeWindow = 'DAY' | 'WEEK' | 'MONTH';

/** One bucket of one model's rollup in one region. */
export interface StatusPoint {
  modelId: string;
  bucket: Date;
  region: string;
  avgAvailability: number;
  minAvailability: number;
  avgLatencyP50: number | null;
  avgLatencyP95: number | null;
  avgLatencyP99: number | null;
  medianLatencyP95: number | null;
  maxLatencyP95: number | null;
  avgErrorRate: number;
  totalRequests: number | null;
  totalTokens: number | null;
  probeCount: number;
}

export interface SeriesRequest {
  region: string | null;
  from: Date;
  to: Date;
  bucket: TimeBucket;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest window per bucket size: about 2,000 points per region at most. */
const MAX_WINDOW_DAYS: Record<TimeBucket, number> = { FIVE_MINUTES: 7, HOUR: 92, DAY: 3 * 366 };
const WINDOW_DAYS: Record<UptimeWindow, number> = { DAY: 1, WEEK: 7, MONTH: 30 };

/** Every bucket starts at a multiple of its size since this UTC origin. */
export const BUCKET_ORIGIN = Prisma.raw(`TIMESTAMPTZ '2000-01-01 00:00:00+00'`);

export function seriesRequest(args: { region?: string | null; from: Date | string; to: Date | string; bucket?: TimeBucket | null }): SeriesRequest {
  const from = new Date(args.from);
  const to = new Date(args.to);
  const bucket = args.bucket ?? 'FIVE_MINUTES';
  if (to <= from) throw badInput('to', 'must be after from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS[bucket] * DAY_MS) {
    throw badInput('from', `a ${bucket} series covers at most ${MAX_WINDOW_DAYS[bucket]} days; use a larger bucket`);
  }
  return { region: args.region ?? null, from, to, bucket };
}

const POINT_COLUMNS = Prisma.raw(`
  avg_availability AS "avgAvailability", min_availability AS "minAvailability",
  avg_latency_p50 AS "avgLatencyP50", avg_latency_p95 AS "avgLatencyP95", avg_latency_p99 AS "avgLatencyP99",
  median_latency_p95 AS "medianLatencyP95", max_latency_p95 AS "maxLatencyP95", avg_error_rate AS "avgErrorRate",
  total_requests::float8 AS "totalRequests", total_tokens::float8 AS "totalTokens", probe_count AS "probeCount"`);

/**
 * Days from hourly rollups: averages weighted by probe count (each over the hours that have the
 * value), extremes of extremes, sums of sums. A median cannot be recombined exactly; the day's
 * median p95 is the median of its hourly medians.
 */
const DAY_COLUMNS = Prisma.raw(`
  sum(avg_availability * probe_count) / sum(probe_count) AS "avgAvailability",
  min(min_availability) AS "minAvailability",
  sum(avg_latency_p50 * probe_count) / nullif(sum(probe_count) FILTER (WHERE avg_latency_p50 IS NOT NULL), 0) AS "avgLatencyP50",
  sum(avg_latency_p95 * probe_count) / nullif(sum(probe_count) FILTER (WHERE avg_latency_p95 IS NOT NULL), 0) AS "avgLatencyP95",
  sum(avg_latency_p99 * probe_count) / nullif(sum(probe_count) FILTER (WHERE avg_latency_p99 IS NOT NULL), 0) AS "avgLatencyP99",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY median_latency_p95) AS "medianLatencyP95",
  max(max_latency_p95) AS "maxLatencyP95",
  sum(avg_error_rate * probe_count) / sum(probe_count) AS "avgErrorRate",
  sum(total_requests)::float8 AS "totalRequests", sum(total_tokens)::float8 AS "totalTokens",
  sum(probe_count)::int AS "probeCount"`);

/** The series of every model in `modelIds`, in one statement, ordered by model, bucket, region. */
export async function seriesOf(tx: ObservabilityTx, modelIds: readonly string[], request: SeriesRequest): Promise<StatusPoint[]> {
  const { region, from, to, bucket } = request;
  const ids = [...modelIds];
  const inRegion = Prisma.sql`(${region}::text IS NULL OR region = ${region})`;
  if (bucket === 'DAY') {
    return tx.$queryRaw<StatusPoint[]>`
      SELECT model_id::text AS "modelId", date_bin('1 day', bucket, ${BUCKET_ORIGIN}) AS bucket, region, ${DAY_COLUMNS}
      FROM observability.status_hourly
      WHERE model_id = ANY(${ids}::uuid[]) AND ${inRegion}
        AND bucket >= date_bin('1 day', ${from}::timestamptz, ${BUCKET_ORIGIN}) AND bucket < ${to}::timestamptz
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`;
  }
  const table = Prisma.raw(bucket === 'HOUR' ? 'observability.status_hourly' : 'observability.status_5min');
  const size = Prisma.raw(bucket === 'HOUR' ? `'1 hour'` : `'5 minutes'`);
  return tx.$queryRaw<StatusPoint[]>`
    SELECT model_id::text AS "modelId", bucket, region, ${POINT_COLUMNS}
    FROM ${table}
    WHERE model_id = ANY(${ids}::uuid[]) AND ${inRegion}
      AND bucket >= date_bin(${size}, ${from}::timestamptz, ${BUCKET_ORIGIN}) AND bucket < ${to}::timestamptz
    ORDER BY model_id, bucket, region`;
}

/** Availability over a trailing window, weighted by probe count, per model (absent: no probes). */
export async function uptimeOf(tx: ObservabilityTx, modelIds: readonly string[], window: UptimeWindow, region: string | null): Promise<Map<string, number>> {
  const since = new Date(Date.now() - WINDOW_DAYS[window] * DAY_MS);
  const rows = await tx.$queryRaw<Array<{ modelId: string; availability: number }>>`
    SELECT model_id::text AS "modelId", sum(avg_availability * probe_count) / sum(probe_count) AS availability
    FROM observability.status_hourly
    WHERE model_id = ANY(${[...modelIds]}::uuid[]) AND (${region}::text IS NULL OR region = ${region})
      AND bucket >= date_bin('1 hour', ${since}::timestamptz, ${BUCKET_ORIGIN})
    GROUP BY model_id`;
  return new Map(rows.map((r) => [r.modelId, r.availability]));
}
