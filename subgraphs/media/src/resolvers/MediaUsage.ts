import { badInput } from '@sixfold/kit';
import type {
  MediaCostService,
  MediaServiceCostResolvers,
  MediaSubscriptionStatus,
  MediaTier,
  MediaUsageResolvers,
  MediaUsageTierResolvers,
} from '../generated/graphql.js';
import { fromDb } from '../enums.js';
import { UNLIMITED } from '../limits.js';
import type { MonthlyCostGroup, MonthlyCostRow } from '../rows.js';

const remaining = (max: number | null, used: number) => (max === null || max === UNLIMITED ? null : Math.max(max - used, 0));

function rangeArg(field: string, value: number | null | undefined, fallback: number, max: number) {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(field, `must be between 1 and ${max}`);
  return n;
}

/** The rollup view has one row per month, service and currency: grouped here per month and currency. */
function groupByMonth(rows: MonthlyCostRow[]): MonthlyCostGroup[] {
  const groups = new Map<string, MonthlyCostGroup & { cents: bigint }>();
  for (const row of rows) {
    const key = `${row.year}-${row.month}-${row.currency}`;
    const group = groups.get(key) ?? { year: row.year, month: row.month, currency: row.currency, totalAmount: '0', services: [], cents: 0n };
    group.services.push(row);
    // Exact: amounts have 4 decimals.
    group.cents += BigInt(row.totalAmount.mul(10_000).toFixed(0));
    group.totalAmount = `${group.cents / 10_000n}.${(group.cents % 10_000n).toString().padStart(4, '0')}`;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ cents: _cents, ...group }) => group);
}

export const MediaUsage: MediaUsageResolvers = {
  user: (usage) => ({ id: usage.userId }),
  tier: (usage) => fromDb<MediaTier>(usage.subscriptionTier),
  subscriptionStatus: (usage) => fromDb<MediaSubscriptionStatus>(usage.subscriptionStatus),
  async limits(usage, _args, ctx) {
    const tier = await ctx.loaders.tierByName.load(usage.subscriptionTier);
    if (!tier) throw new Error(`account ${usage.userId} is on unknown tier ${usage.subscriptionTier}`);
    return tier;
  },
  uploadsRemaining: (usage) => remaining(usage.maxUploadsPerMonth, usage.uploadsThisMonth),
  searchesRemaining: (usage) => remaining(usage.maxSearchesPerMonth, usage.searchesThisMonth),
  currentMonthCost: (usage) => usage.currentMonthCost.toFixed(4),
  async costAlert(usage, _args, ctx) {
    const tier = await ctx.loaders.tierByName.load(usage.subscriptionTier);
    if (!tier?.maxMonthlyCost) return false;
    return usage.currentMonthCost.gte(tier.maxMonthlyCost.mul(tier.costAlertThreshold ?? 1));
  },
  async monthlyCosts(usage, args, ctx) {
    const months = rangeArg('months', args.months, 6, 24);
    return groupByMonth(await ctx.loaders.monthlyCostsByUser(months).load(usage.userId));
  },
  dailySearches: (usage, args, ctx) => ctx.loaders.dailySearchesByUser(rangeArg('days', args.days, 30, 90)).load(usage.userId),
};

export const MediaUsageTier: MediaUsageTierResolvers = {
  name: (tier) => fromDb<MediaTier>(tier.tierName),
  maxUploadsPerMonth: (tier) => (tier.maxUploadsPerMonth === UNLIMITED ? null : tier.maxUploadsPerMonth),
  maxSearchesPerMonth: (tier) => (tier.maxSearchesPerMonth === UNLIMITED ? null : tier.maxSearchesPerMonth),
  features: (tier) => tier.featuresEnabled,
  aiFeatures: (tier) => tier.aiFeaturesEnabled,
  maxMonthlyCost: (tier) => tier.maxMonthlyCost?.toFixed(2) ?? null,
  costAlertThreshold: (tier) => tier.costAlertThreshold?.toFixed(4) ?? null,
};

export const MediaServiceCost: MediaServiceCostResolvers = {
  service: (row) => fromDb<MediaCostService>(row.serviceName),
  amount: (row) => row.totalAmount.toFixed(4),
  unitsConsumed: (row) => row.unitsConsumed.toFixed(4),
};
