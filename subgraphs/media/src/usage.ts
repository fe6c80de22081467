import { isUuid } from '@sixfold/kit';
import { Prisma } from './generated/prisma/client.js';
import { maySeeUser } from './access.js';
import type { MediaContext } from './context.js';
import type { MediaUsageRow } from './rows.js';

/**
 * A user's usage dashboard row. A user who never used media has no account yet: they (and
 * admins) see the free tier's empty dashboard; anyone else sees nothing, as for existing accounts.
 */
export async function usageFor(ctx: MediaContext, userId: string): Promise<MediaUsageRow | null> {
  if (!isUuid(userId)) return null;
  const row = await ctx.loaders.usageByUser.load(userId);
  if (row || !maySeeUser(ctx.identity, userId)) return row;
  const free = await ctx.loaders.tierByName.load('free');
  if (!free) return null;
  return {
    userId,
    subscriptionTier: free.tierName,
    subscriptionStatus: 'active',
    uploadsThisMonth: 0,
    searchesThisMonth: 0,
    storageUsedBytes: 0n,
    billingPeriodStart: null,
    billingPeriodEnd: null,
    maxUploadsPerMonth: free.maxUploadsPerMonth,
    maxSearchesPerMonth: free.maxSearchesPerMonth,
    maxStorageBytes: free.maxStorageBytes,
    totalFiles: 0,
    processedFiles: 0,
    currentMonthCost: new Prisma.Decimal(0),
  };
}
