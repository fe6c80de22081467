import { badInput, forbidden, rateLimited, sql } from '@sixfold/kit';
import type { MediaTx } from './db.js';

/** -1 in usage_limits means unlimited. */
export const UNLIMITED = -1;

/** An account with its tier's limits and what counts against them right now, locked for the caller's transaction. */
interface AccountStanding {
  tier: string;
  status: string;
  uploadsThisMonth: number;
  searchesThisMonth: number;
  storageUsedBytes: bigint;
  maxUploadsPerMonth: number;
  maxSearchesPerMonth: number;
  maxStorageBytes: bigint;
  maxFileSizeBytes: bigint;
  maxVideoDurationSeconds: number | null;
  priorityLevel: number;
  maxMonthlyCost: string | null;
  uploadRateLimit: number;
  searchRateLimit: number;
  currentMonthCost: string;
  uploadsLastHour: bigint;
  searchesLastHour: bigint;
  /** Seconds until the oldest upload (search) of the last hour leaves the hourly window. */
  uploadWindowFreesIn: number | null;
  searchWindowFreesIn: number | null;
  billingPeriodEnd: Date | null;
}

/**
 * The user's account (created on first use, on the free tier) with its limits, locked FOR UPDATE:
 * two uploads or searches of one user take turns, so both cannot pass a limit only one fits in.
 */
export async function lockAccountStanding(tx: MediaTx, userId: string): Promise<AccountStanding> {
  await tx.$executeRaw`INSERT INTO media.accounts (user_id) VALUES (${userId}::uuid) ON CONFLICT (user_id) DO NOTHING`;
  const [standing] = await tx.$queryRaw<AccountStanding[]>(sql`
    SELECT a.subscription_tier AS tier, a.subscription_status AS status,
           a.uploads_this_month AS "uploadsThisMonth", a.searches_this_month AS "searchesThisMonth",
           a.storage_used_bytes AS "storageUsedBytes", a.billing_period_end AS "billingPeriodEnd",
           l.max_uploads_per_month AS "maxUploadsPerMonth", l.max_searches_per_month AS "maxSearchesPerMonth",
           l.max_storage_bytes AS "maxStorageBytes", l.max_file_size_bytes AS "maxFileSizeBytes",
           l.max_video_duration_seconds AS "maxVideoDurationSeconds", l.priority_level AS "priorityLevel",
           l.max_monthly_cost::text AS "maxMonthlyCost",
           l.upload_rate_limit AS "uploadRateLimit", l.search_rate_limit AS "searchRateLimit",
           (SELECT coalesce(sum(c.amount), 0)::text FROM media.cost_tracking c
             WHERE c.user_id = a.user_id
               AND c.billing_period_year = extract(year FROM now() AT TIME ZONE 'UTC')
               AND c.billing_period_month = extract(month FROM now() AT TIME ZONE 'UTC')) AS "currentMonthCost",
           uploads.count AS "uploadsLastHour", uploads.frees_in AS "uploadWindowFreesIn",
           searches.count AS "searchesLastHour", searches.frees_in AS "searchWindowFreesIn"
      FROM media.accounts a
      JOIN media.usage_limits l ON l.tier_name = a.subscription_tier
     CROSS JOIN LATERAL (
       SELECT count(*) AS count, ceil(extract(epoch FROM min(f.uploaded_at) + interval '1 hour' - now()))::integer AS frees_in
         FROM media.media_files f WHERE f.user_id = a.user_id AND f.uploaded_at > now() - interval '1 hour') uploads
     CROSS JOIN LATERAL (
       SELECT count(*) AS count, ceil(extract(epoch FROM min(s.searched_at) + interval '1 hour' - now()))::integer AS frees_in
         FROM media.search_history s WHERE s.user_id = a.user_id AND s.searched_at > now() - interval '1 hour') searches
     WHERE a.user_id = ${userId}::uuid
       FOR UPDATE OF a`);
  // Row-level security hides other users' accounts: asking for one is a caller error.
  if (!standing) throw forbidden('No access to this media account');
  return standing;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const formatBytes = (bytes: bigint) => (bytes >= BigInt(GIB) ? `${Number(bytes) / GIB} GiB` : `${Number(bytes) / MIB} MiB`);
const periodEnd = (s: AccountStanding) => (s.billingPeriodEnd ? ` (the period ends ${s.billingPeriodEnd.toISOString()})` : '');

function requireActive(s: AccountStanding) {
  if (s.status !== 'active') throw forbidden(`The media subscription is ${s.status}; reactivate it to continue`);
}

function requireWithinMonthlyCost(s: AccountStanding) {
  if (s.maxMonthlyCost !== null && Number(s.currentMonthCost) >= Number(s.maxMonthlyCost))
    throw forbidden(`This month's processing cost (${s.currentMonthCost} USD) reached the ${s.tier} tier's maximum of ${s.maxMonthlyCost} USD`);
}

export interface UploadRequest {
  fileType: 'image' | 'video';
  fileSizeBytes: bigint;
  durationSeconds: number | null;
}

/** Refuses an upload the account's tier does not allow, with a message saying which limit and why. */
export function requireUploadAllowed(s: AccountStanding, upload: UploadRequest): void {
  requireActive(s);
  if (upload.fileSizeBytes > s.maxFileSizeBytes)
    throw badInput('input.fileSizeBytes', `${formatBytes(upload.fileSizeBytes)} exceeds the ${s.tier} tier's maximum file size of ${formatBytes(s.maxFileSizeBytes)}`);
  if (upload.fileType === 'video' && s.maxVideoDurationSeconds !== null && upload.durationSeconds !== null && upload.durationSeconds > s.maxVideoDurationSeconds)
    throw badInput('input.durationSeconds', `${upload.durationSeconds} s exceeds the ${s.tier} tier's maximum video duration of ${s.maxVideoDurationSeconds} s`);
  if (s.maxUploadsPerMonth !== UNLIMITED && s.uploadsThisMonth >= s.maxUploadsPerMonth)
    throw forbidden(`Monthly upload limit reached: ${s.uploadsThisMonth} of ${s.maxUploadsPerMonth} uploads on the ${s.tier} tier${periodEnd(s)}`);
  if (s.storageUsedBytes + upload.fileSizeBytes > s.maxStorageBytes)
    throw forbidden(`Storage limit reached: ${formatBytes(s.storageUsedBytes)} used + ${formatBytes(upload.fileSizeBytes)} exceeds the ${s.tier} tier's ${formatBytes(s.maxStorageBytes)}`);
  requireWithinMonthlyCost(s);
  if (s.uploadsLastHour >= BigInt(s.uploadRateLimit)) throw rateLimited(Math.max(s.uploadWindowFreesIn ?? 1, 1));
}

/** Refuses a search beyond the tier's monthly or hourly allowance. */
export function requireSearchAllowed(s: AccountStanding): void {
  requireActive(s);
  if (s.maxSearchesPerMonth !== UNLIMITED && s.searchesThisMonth >= s.maxSearchesPerMonth)
    throw forbidden(`Monthly search limit reached: ${s.searchesThisMonth} of ${s.maxSearchesPerMonth} searches on the ${s.tier} tier${periodEnd(s)}`);
  if (s.searchesLastHour >= BigInt(s.searchRateLimit)) throw rateLimited(Math.max(s.searchWindowFreesIn ?? 1, 1));
}
