import { badInput } from '@sixfold/kit';
import type { ObservabilityContext } from '../context.js';

/** Rejects a region no probe reports from, naming the argument. */
export async function assertKnownRegion(ctx: ObservabilityContext, region: string | null | undefined, field = 'region'): Promise<void> {
  if (region == null) return;
  const known = await ctx.regions.list();
  if (!known.includes(region)) throw badInput(field, `is not a known region (${known.join(', ')})`);
}

export function assertListSize(first: number, field = 'first', max = 100): void {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badInput(field, `must be between 1 and ${max}`);
}
