import { badInput } from '@sixfold/kit';
import { Prisma } from '../generated/prisma/client.js';
import type { ObservabilityTx } from '../context.js';
import { latestStatusesInEveryRegion, pairKey, type CurrentStatus } from '../status/current.js';
import { BUCKET_ORIGIN } from '../status/series.js';
import type { ValidProbe } from './validate.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** The new status of each (model, region) pair the stored probes touched. */
  statuses: CurrentStatus[];
  /** The latest status in every region of each model touched (for the model-wide rankings). */
  everyRegion: CurrentStatus[];
}

/**
 * The rollup columns, aggregated from raw probes `p` (seed 000 `status_5min` / `status_hourly`,
 * the union of both). Counted per bucket, not per request, as the seed does.
 */
const ROLLUP_AGGREGATES = Prisma.raw(`
  avg(p.availability)::float8, min(p.availability)::float8,
  avg(p.latency_p50)::float8, avg(p.latency_p95)::float8, avg(p.latency_p99)::float8,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY p.latency_p95), max(p.latency_p95),
  avg(p.error_rate)::float8, sum(p.requests_per_minute), sum(p.tokens_per_minute)::bigint,
  count(*), max(p."time")`);
const ROLLUP_COLUMNS = Prisma.raw(`
  bucket, model_id, region, avg_availability, min_availability, avg_latency_p50, avg_latency_p95, avg_latency_p99,
  median_latency_p95, max_latency_p95, avg_error_rate, total_requests, total_tokens, probe_count, last_probe_at`);
const ROLLUP_UPDATE = Prisma.raw(
  ['avg_availability', 'min_availability', 'avg_latency_p50', 'avg_latency_p95', 'avg_latency_p99', 'median_latency_p95', 'max_latency_p95', 'avg_error_rate', 'total_requests', 'total_tokens', 'probe_count', 'last_probe_at']
    .map((column) => `${column} = excluded.${column}`)
    .join(', '),
);

/**
 * Stores a validated batch in a constant number of statements, whatever its size:
 *   1. the models and regions it names must exist (one lookup);
 *   2. one multi-row INSERT … ON CONFLICT DO NOTHING: a probe already stored (same model, region,
 *      location and time) is a duplicate and changes nothing;
 *   3. one statement re-aggregates every 5-minute and hourly bucket the stored probes fall in,
 *      from the raw probes, so the rollups include them before the transaction commits;
 *   4. one read of the touched models' latest status in every region.
 */
export async function ingestProbes(tx: ObservabilityTx, probes: readonly ValidProbe[]): Promise<IngestResult> {
  if (probes.length === 0) return { accepted: 0, duplicates: 0, statuses: [], everyRegion: [] };
  await assertKnownModelsAndRegions(tx, probes);

  const stored = await tx.$queryRaw<Array<{ modelId: string; region: string; time: Date }>>`
    INSERT INTO observability.status_probes ("time", model_id, region, probe_location, availability, latency_p50, latency_p95, latency_p99,
                                             error_rate, error_types, requests_per_minute, tokens_per_minute, status_code_distribution, metadata)
    SELECT * FROM unnest(
      ${probes.map((p) => p.time.toISOString())}::timestamptz[], ${probes.map((p) => p.modelId)}::uuid[],
      ${probes.map((p) => p.region)}::text[], ${probes.map((p) => p.location)}::text[],
      ${probes.map((p) => p.availability)}::numeric[],
      ${probes.map((p) => p.latencyP50 ?? null)}::int[], ${probes.map((p) => p.latencyP95 ?? null)}::int[], ${probes.map((p) => p.latencyP99 ?? null)}::int[],
      ${probes.map((p) => p.errorRate)}::numeric[], ${probes.map((p) => JSON.stringify(p.errorTypes ?? {}))}::jsonb[],
      ${probes.map((p) => p.requestsPerMinute ?? null)}::int[], ${probes.map((p) => p.tokensPerMinute ?? null)}::bigint[],
      ${probes.map((p) => JSON.stringify(p.statusCodes ?? {}))}::jsonb[], ${probes.map((p) => JSON.stringify(p.metadata ?? {}))}::jsonb[])
    ON CONFLICT DO NOTHING
    RETURNING model_id::text AS "modelId", region, "time"`;
  const duplicates = probes.length - stored.length;
  if (stored.length === 0) return { accepted: 0, duplicates, statuses: [], everyRegion: [] };

  await tx.$executeRaw`
    WITH touched AS (
      SELECT DISTINCT t.model_id, t.region, date_bin('5 minutes', t."time", ${BUCKET_ORIGIN}) AS bucket
      FROM unnest(${stored.map((s) => s.modelId)}::uuid[], ${stored.map((s) => s.region)}::text[], ${stored.map((s) => s.time)}::timestamptz[])
        AS t(model_id, region, "time")
    ),
    five_minutes AS (
      INSERT INTO observability.status_5min (${ROLLUP_COLUMNS})
      SELECT t.bucket, t.model_id, t.region, ${ROLLUP_AGGREGATES}
      FROM touched t
      JOIN observability.status_probes p
        ON p.model_id = t.model_id AND p.region = t.region AND p."time" >= t.bucket AND p."time" < t.bucket + interval '5 minutes'
      GROUP BY t.bucket, t.model_id, t.region
      ON CONFLICT (model_id, region, bucket) DO UPDATE SET ${ROLLUP_UPDATE}
    ),
    hours AS (
      SELECT DISTINCT model_id, region, date_bin('1 hour', bucket, ${BUCKET_ORIGIN}) AS bucket FROM touched
    )
    INSERT INTO observability.status_hourly (${ROLLUP_COLUMNS})
    SELECT h.bucket, h.model_id, h.region, ${ROLLUP_AGGREGATES}
    FROM hours h
    JOIN observability.status_probes p
      ON p.model_id = h.model_id AND p.region = h.region AND p."time" >= h.bucket AND p."time" < h.bucket + interval '1 hour'
    GROUP BY h.bucket, h.model_id, h.region
    ON CONFLICT (model_id, region, bucket) DO UPDATE SET ${ROLLUP_UPDATE}`;

  const touchedModels = [...new Set(stored.map((s) => s.modelId))];
  const everyRegion = await latestStatusesInEveryRegion(tx, touchedModels);
  const touchedPairs = new Set(stored.map(pairKey));
  return { accepted: stored.length, duplicates, statuses: everyRegion.filter((s) => touchedPairs.has(pairKey(s))), everyRegion };
}

/** Names the first probe whose model is not an active monitored model, or whose region is unknown. */
async function assertKnownModelsAndRegions(tx: ObservabilityTx, probes: readonly ValidProbe[]): Promise<void> {
  const modelIds = [...new Set(probes.map((p) => p.modelId))];
  const regions = [...new Set(probes.map((p) => p.region))];
  const known = await tx.$queryRaw<Array<{ kind: 'model' | 'region'; key: string }>>`
    SELECT 'model' AS kind, id::text AS key FROM observability.monitored_models WHERE id = ANY(${modelIds}::uuid[]) AND is_active
    UNION ALL
    SELECT 'region', slug FROM observability.regions WHERE slug = ANY(${regions}::text[])`;
  const knownModels = new Set(known.filter((k) => k.kind === 'model').map((k) => k.key));
  const knownRegions = new Set(known.filter((k) => k.kind === 'region').map((k) => k.key));
  const badModel = probes.findIndex((p) => !knownModels.has(p.modelId));
  if (badModel >= 0) throw badInput(`probes[${badModel}].modelId`, 'is not an active monitored model');
  const badRegion = probes.findIndex((p) => !knownRegions.has(p.region));
  if (badRegion >= 0) throw badInput(`probes[${badRegion}].region`, 'is not a known region (see the regions query)');
}
