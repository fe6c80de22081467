/**
 * The processing queue: what jobs a new file needs, how workers claim them, and how an attempt
 * ends (progress, completion, failure with retry and backoff). Every function runs inside the
 * caller's transaction and returns the jobs it changed, for the caller to publish after commit.
 */
import { conflict, empty, notFound, sql } from '@sixfold/kit';
import { join } from '@prisma/client/runtime/client';
import type { MediaTx } from '../db.js';
import type { MediaFile, ProcessingJob } from '../generated/prisma/client.js';
import { vectorParam, type EmbeddingStorage } from '../search/similarity.js';

export type JobType = 'image_analysis' | 'video_analysis' | 'transcription' | 'text_analysis' | 'embedding_generation';

/** What a file needs, in the order it is done: analysis first, embeddings of its results last. */
export function jobsFor(file: Pick<MediaFile, 'fileType' | 'hasAudio'>): JobType[] {
  if (file.fileType === 'image') return ['image_analysis', 'embedding_generation'];
  return file.hasAudio
    ? ['video_analysis', 'transcription', 'text_analysis', 'embedding_generation']
    : ['video_analysis', 'embedding_generation'];
}

/** Typical cost of one job (USD), shown before the job runs; the worker reports the actual cost. */
export const ESTIMATED_COST_USD: Record<JobType, string> = {
  image_analysis: '0.0010',
  video_analysis: '0.1000',
  transcription: '0.0240',
  text_analysis: '0.0001',
  embedding_generation: '0.0001',
};

/** Seconds before retry number `attempts` (1-based): 30 s, 60 s, 120 s, … at most an hour. */
export const retryDelaySeconds = (attempts: number): number => Math.min(30 * 2 ** Math.max(attempts - 1, 0), 3600);

/**
 * Queues a file's jobs at its owner's tier priority. They run one after another (each needs the
 * previous one's results): their queue times are a millisecond apart, and a job is claimable only
 * once every job of its file queued before it has completed.
 */
export async function enqueueJobs(tx: MediaTx, file: MediaFile, tier: { name: string; priority: number }): Promise<ProcessingJob[]> {
  const queuedAt = Date.now();
  return tx.processingJob.createManyAndReturn({
    data: jobsFor(file).map((jobType, step) => ({
      queuedAt: new Date(queuedAt + step),
      mediaFileId: file.id,
      userId: file.userId,
      jobType,
      priority: tier.priority,
      subscriptionTier: tier.name,
      estimatedCost: ESTIMATED_COST_USD[jobType],
    })),
  });
}

const jobsByIds = (tx: MediaTx, ids: string[]) =>
  tx.processingJob.findMany({ where: { id: { in: ids } }, orderBy: [{ priority: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }] });

export interface ClaimRequest {
  limit: number;
  jobTypes?: JobType[] | null;
  /** Only these files' jobs (a pipeline that keeps one file's work on one worker). */
  mediaFileIds?: string[] | null;
}

/**
 * Takes up to `limit` due jobs for a worker: pending ones, and retrying ones whose retry time has
 * come, whose file's earlier jobs are done, by priority then age. `FOR UPDATE SKIP LOCKED` makes concurrent claimers pass over rows
 * another claimer is taking instead of waiting for them or taking them too.
 */
export async function claimJobs(tx: MediaTx, request: ClaimRequest): Promise<ProcessingJob[]> {
  const claimed = await tx.$queryRaw<Array<{ id: string; mediaFileId: string }>>(sql`
    WITH due AS (
      SELECT id FROM media.processing_jobs j
       WHERE (status = 'pending' OR (status = 'retrying' AND retry_at <= now()))
         AND attempts < max_attempts
         AND NOT EXISTS (SELECT 1 FROM media.processing_jobs earlier
                          WHERE earlier.media_file_id = j.media_file_id AND earlier.queued_at < j.queued_at AND earlier.status <> 'completed')
         ${request.jobTypes?.length ? sql`AND job_type = ANY(${request.jobTypes}::text[])` : empty}
         ${request.mediaFileIds?.length ? sql`AND media_file_id = ANY(${request.mediaFileIds}::uuid[])` : empty}
       ORDER BY priority, queued_at, id
       LIMIT ${request.limit}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE media.processing_jobs j
       SET status = 'processing', attempts = j.attempts + 1, started_at = now(), retry_at = NULL, progress_percentage = 0
      FROM due WHERE j.id = due.id
    RETURNING j.id::text AS id, j.media_file_id::text AS "mediaFileId"`);
  if (claimed.length === 0) return [];
  await tx.$executeRaw`
    UPDATE media.media_files SET status = 'processing', processing_started_at = coalesce(processing_started_at, now())
     WHERE id = ANY(${[...new Set(claimed.map((c) => c.mediaFileId))]}::uuid[]) AND status IN ('uploaded', 'queued')`;
  return jobsByIds(tx, claimed.map((c) => c.id));
}

/** Locks a job a worker reports on; it must be one a worker holds (status processing). */
async function lockHeldJob(tx: MediaTx, jobId: string): Promise<{ id: string; mediaFileId: string; userId: string; attempts: number; maxAttempts: number }> {
  const [job] = await tx.$queryRaw<Array<{ id: string; mediaFileId: string; userId: string; status: string; attempts: number; maxAttempts: number }>>`
    SELECT id::text AS id, media_file_id::text AS "mediaFileId", user_id::text AS "userId", status, attempts, max_attempts AS "maxAttempts"
      FROM media.processing_jobs WHERE id = ${jobId}::uuid FOR UPDATE`;
  if (!job) throw notFound('Processing job');
  if (job.status !== 'processing') throw conflict('jobId', `the job is ${job.status}, not being processed: claim it first`);
  return job;
}

export async function reportProgress(tx: MediaTx, jobId: string, progressPercentage: number, estimatedCompletionAt: Date | null): Promise<ProcessingJob> {
  await lockHeldJob(tx, jobId);
  return tx.processingJob.update({
    where: { id: jobId },
    data: { progressPercentage, ...(estimatedCompletionAt ? { estimatedCompletionAt } : {}) },
  });
}

export interface EmbeddingOutput {
  vector: number[];
  sourceText: string;
  model: string;
  version: string;
  segmentType: 'full' | 'temporal' | 'audio' | 'visual';
  startTimeSeconds: string | null;
  endTimeSeconds: string | null;
  confidenceScore: string | null;
  sourceQuality: string | null;
}

export interface CostOutput {
  service: string;
  operationType: string;
  amount: string;
  currency: string;
  billingUnit: string | null;
  unitsConsumed: string | null;
  referenceId: string | null;
}

export interface AnalysisOutput {
  aiSummary?: string | null;
  detectedLabels?: unknown;
  detectedFacesCount?: number | null;
  detectedText?: string[] | null;
  transcriptionText?: string | null;
  sentiment?: string | null;
  contentWarnings?: string[] | null;
  thumbnailS3Key?: string | null;
}

export interface Completion {
  jobId: string;
  result?: unknown;
  analysis: AnalysisOutput | null;
  embeddings: EmbeddingOutput[];
  costs: CostOutput[];
}

/** Sums decimal strings exactly (in ten-thousandths, the costs' scale). */
const sumDecimals = (values: string[]) => {
  const total = values.reduce((sum, v) => {
    const [whole = '0', fraction = ''] = v.replace('-', '').split('.');
    return sum + BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
  }, 0n);
  return `${total / 10_000n}.${(total % 10_000n).toString().padStart(4, '0')}`;
};

async function storeEmbeddings(tx: MediaTx, storage: EmbeddingStorage, mediaFileId: string, embeddings: EmbeddingOutput[]) {
  if (embeddings.length === 0) return;
  const rows = embeddings.map(
    (e) => sql`(${mediaFileId}::uuid, ${vectorParam(storage, e.vector)}, ${e.sourceText}, ${e.model}, ${e.version}, ${e.startTimeSeconds}::numeric,
                ${e.endTimeSeconds}::numeric, ${e.segmentType}, ${e.confidenceScore}::numeric, ${e.sourceQuality})`,
  );
  // A retried job may deliver the whole-file embedding again: the newer one replaces it.
  await tx.$executeRaw(sql`
    INSERT INTO media.media_embeddings (media_file_id, embedding, source_text, embedding_model, embedding_version, start_time_seconds,
                                        end_time_seconds, segment_type, confidence_score, source_quality)
    VALUES ${join(rows)}
    ON CONFLICT (media_file_id, embedding_model, embedding_version) WHERE segment_type = 'full'
    DO UPDATE SET embedding = EXCLUDED.embedding, source_text = EXCLUDED.source_text,
                  confidence_score = EXCLUDED.confidence_score, source_quality = EXCLUDED.source_quality`);
}

/** Completes a held job; its file is completed when none of its jobs is left unfinished. */
export async function completeJob(tx: MediaTx, storage: EmbeddingStorage, completion: Completion): Promise<ProcessingJob> {
  const held = await lockHeldJob(tx, completion.jobId);
  const now = new Date();
  await storeEmbeddings(tx, storage, held.mediaFileId, completion.embeddings);
  if (completion.costs.length) {
    await tx.costEntry.createMany({
      data: completion.costs.map((c) => ({
        userId: held.userId,
        serviceName: c.service,
        operationType: c.operationType,
        amount: c.amount,
        currency: c.currency,
        billingUnit: c.billingUnit,
        unitsConsumed: c.unitsConsumed,
        referenceId: c.referenceId,
        mediaFileId: held.mediaFileId,
        processingJobId: held.id,
        billingPeriodYear: now.getUTCFullYear(),
        billingPeriodMonth: now.getUTCMonth() + 1,
        incurredAt: now,
      })),
    });
  }
  const job = await tx.processingJob.update({
    where: { id: held.id },
    data: {
      status: 'completed',
      progressPercentage: 100,
      completedAt: now,
      resultData: (completion.result ?? undefined) as object | undefined,
      ...(completion.costs.length ? { actualCost: sumDecimals(completion.costs.map((c) => c.amount)) } : {}),
    },
  });
  const analysis = completion.analysis;
  if (analysis) {
    await tx.mediaFile.update({
      where: { id: held.mediaFileId },
      data: Object.fromEntries(Object.entries(analysis).filter(([, value]) => value !== undefined && value !== null)),
    });
  }
  await tx.$executeRaw`
    UPDATE media.media_files f SET status = 'completed', processing_completed_at = now(), processing_error = NULL
     WHERE f.id = ${held.mediaFileId}::uuid AND f.status <> 'deleted'
       AND NOT EXISTS (SELECT 1 FROM media.processing_jobs j WHERE j.media_file_id = f.id AND j.status <> 'completed')`;
  return job;
}

export interface Failure {
  jobId: string;
  errorMessage: string;
  errorCode: string | null;
  retryable: boolean;
}

/**
 * Ends a held job's attempt in failure. With attempts left and a retryable error it waits for
 * its backoff (RETRYING, due at retry_at); otherwise it fails for good, and so does its file.
 */
export async function failJob(tx: MediaTx, failure: Failure): Promise<ProcessingJob> {
  const held = await lockHeldJob(tx, failure.jobId);
  const error = { errorMessage: failure.errorMessage, errorCode: failure.errorCode };
  if (failure.retryable && held.attempts < held.maxAttempts) {
    return tx.processingJob.update({
      where: { id: held.id },
      data: { ...error, status: 'retrying', retryAt: new Date(Date.now() + retryDelaySeconds(held.attempts) * 1000) },
    });
  }
  const job = await tx.processingJob.update({ where: { id: held.id }, data: { ...error, status: 'failed', completedAt: new Date() } });
  await tx.$executeRaw`
    UPDATE media.media_files SET status = 'failed', processing_error = ${failure.errorMessage}
     WHERE id = ${held.mediaFileId}::uuid AND status <> 'deleted'`;
  return job;
}

/** A deleted file's unfinished jobs fail at once, so no worker spends time on it. */
export async function abandonJobsOf(tx: MediaTx, mediaFileId: string): Promise<ProcessingJob[]> {
  const abandoned = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE media.processing_jobs SET status = 'failed', completed_at = now(), retry_at = NULL,
           error_message = 'The media file was deleted', error_code = 'FILE_DELETED'
     WHERE media_file_id = ${mediaFileId}::uuid AND status IN ('pending', 'retrying', 'processing')
    RETURNING id::text AS id`;
  return abandoned.length ? jobsByIds(tx, abandoned.map((j) => j.id)) : [];
}
