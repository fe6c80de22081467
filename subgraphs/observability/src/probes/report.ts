import type { ObservabilityContext } from '../context.js';
import type { CurrentStatus } from '../status/current.js';
import { rankingScores } from '../status/rankings.js';
import { Topic } from '../topics.js';
import { ingestProbes, type IngestResult } from './ingest.js';
import { validateProbes } from './validate.js';

/** A ModelStatus as it crosses the bus. */
export type ModelStatusEvent = Omit<CurrentStatus, 'updatedAt'> & { updatedAt: string };

export const toStatusEvent = (status: CurrentStatus): ModelStatusEvent => ({
  ...status,
  updatedAt: typeof status.updatedAt === 'string' ? status.updatedAt : status.updatedAt.toISOString(),
});

/**
 * `reportStatusProbes`: validate, store (see ingestProbes), and once the batch has committed,
 * refresh the live status and rankings and tell subscribers.
 */
export async function reportProbes(ctx: ObservabilityContext, input: readonly unknown[]) {
  const probes = validateProbes(input);
  const result = await ctx.db.run((tx) => ingestProbes(tx, probes));
  if (result.statuses.length) ctx.db.afterCommit(() => announce(ctx, result));
  return { accepted: result.accepted, duplicates: result.duplicates, statuses: result.statuses };
}

async function announce(ctx: ObservabilityContext, { statuses, everyRegion }: IngestResult): Promise<void> {
  await ctx.live.record(statuses, rankingScores(statuses, everyRegion));
  // Not awaited: while Redis is away the bus retries before giving up, and probe agents must
  // not wait for that (nothing is lost that the next batch would not bring again).
  for (const status of statuses) void ctx.bus.publish(Topic.modelStatusChanged, toStatusEvent(status));
}
