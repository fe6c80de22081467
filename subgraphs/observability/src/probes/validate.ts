import { badInput, parseInput } from '@sixfold/kit';
import { z } from 'zod';

export const MAX_PROBES_PER_BATCH = 1_000;
/** Probe agents' clocks drift; a little future is tolerated, more is a bug in the agent. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The raw probes' retention: older probes would land in a partition that is already gone. */
export const RETENTION_DAYS = 90;

const percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const milliseconds = z.number().int().min(0, 'must not be negative').max(600_000, 'must be at most 600000 ms').nullish();
const count = z.number().int('must be an integer').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);
const counts = (key: z.ZodString) =>
  z.record(key, count).refine((value) => Object.keys(value).length <= 50, 'has more than 50 entries');

const probeSchema = z
  .object({
    modelId: z.guid('is not a model id').transform((id) => id.toLowerCase()),
    region: z.string().min(1, 'is required').max(20, 'is not a known region'),
    location: z.string().trim().min(1, 'is required').max(50, 'must be at most 50 characters'),
    time: z.date('is not a date-time'),
    availability: percent,
    latencyP50: milliseconds,
    latencyP95: milliseconds,
    latencyP99: milliseconds,
    errorRate: percent,
    requestsPerMinute: count.nullish(),
    tokensPerMinute: count.nullish(),
    errorTypes: counts(z.string().min(1).max(50)).nullish(),
    statusCodes: counts(z.string().regex(/^[1-5]\d\d$/, 'keys must be HTTP status codes')).nullish(),
    metadata: z
      .record(z.string(), z.unknown())
      .refine((value) => JSON.stringify(value).length <= 4_096, 'must serialize to at most 4096 characters')
      .nullish(),
  })
  .superRefine((probe, ctx) => {
    const now = Date.now();
    if (probe.time.getTime() > now + MAX_CLOCK_SKEW_MS) ctx.addIssue({ code: 'custom', path: ['time'], message: 'is in the future' });
    if (probe.time.getTime() < now - RETENTION_DAYS * 24 * 60 * 60 * 1000) {
      ctx.addIssue({ code: 'custom', path: ['time'], message: `is older than the ${RETENTION_DAYS}-day retention` });
    }
    const { latencyP50: p50, latencyP95: p95, latencyP99: p99 } = probe;
    if (p50 != null && p95 != null && p95 < p50) ctx.addIssue({ code: 'custom', path: ['latencyP95'], message: 'must be at least latencyP50' });
    if (p95 != null && p99 != null && p99 < p95) ctx.addIssue({ code: 'custom', path: ['latencyP99'], message: 'must be at least latencyP95' });
  });

export type ValidProbe = z.infer<typeof probeSchema>;

/**
 * Checks a batch before anything is written: the batch size, then every probe's fields and
 * ranges. Throws BAD_USER_INPUT naming the first offending field (`probes[3].availability`).
 * Whether models and regions exist is checked against the database by ingestProbes.
 */
export function validateProbes(probes: readonly unknown[]): ValidProbe[] {
  if (probes.length > MAX_PROBES_PER_BATCH) throw badInput('probes', `at most ${MAX_PROBES_PER_BATCH} probes per call (got ${probes.length})`);
  return parseInput(z.array(probeSchema), probes, 'probes', { indexes: 'brackets' });
}
