import { badInput, isAdmin, notFound, requireUser, uuidArg } from '@sixfold/kit';
import { requireBilling, requireProcessor, requireWriter } from '../access.js';
import { audit } from '../audit.js';
import { toDb } from '../enums.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { parseChangeSubscription, parseCompletion, parseFailure, parseRegisterMediaFile, parseUpdateMediaFile } from '../inputs.js';
import { publishJobChanges } from '../jobs/events.js';
import { abandonJobsOf, claimJobs, completeJob, enqueueJobs, failJob, reportProgress, type JobType } from '../jobs/queue.js';
import { lockAccountStanding, requireUploadAllowed } from '../limits.js';
import { recordClick } from '../search/history.js';
import { usageFor } from '../usage.js';

const MAX_CLAIM = 50;

export const Mutation: MutationResolvers = {
  async registerMediaFile(_root, args, ctx) {
    const userId = requireWriter(ctx.identity);
    const input = parseRegisterMediaFile(args.input);
    const { file, jobs } = await ctx.db.run(async (tx) => {
      const standing = await lockAccountStanding(tx, userId);
      requireUploadAllowed(standing, {
        fileType: input.fileType as 'image' | 'video',
        fileSizeBytes: input.fileSizeBytes,
        durationSeconds: input.durationSeconds == null ? null : Number(input.durationSeconds),
      });
      const file = await tx.mediaFile.create({
        data: {
          userId,
          filename: input.filename,
          originalFilename: input.originalFilename,
          fileType: input.fileType,
          mimeType: input.mimeType,
          fileSizeBytes: input.fileSizeBytes,
          s3Bucket: input.s3Bucket,
          s3Key: input.s3Key,
          width: input.width ?? null,
          height: input.height ?? null,
          durationSeconds: input.durationSeconds ?? null,
          frameRate: input.frameRate ?? null,
          hasAudio: input.hasAudio ?? false,
          tags: input.tags ?? [],
          customMetadata: (input.customMetadata ?? {}) as object,
          isPrivate: input.isPrivate ?? false,
          status: 'queued',
        },
      });
      const jobs = await enqueueJobs(tx, file, { name: standing.tier, priority: standing.priorityLevel });
      await audit(tx, ctx.identity, ctx.requestId, {
        eventType: 'media_file.registered',
        category: 'upload',
        action: 'create',
        subjectUserId: userId,
        target: { type: 'media_file', id: file.id },
        description: `Registered ${file.fileType} ${file.filename} (${file.fileSizeBytes} bytes) with ${jobs.length} processing jobs`,
        newValues: { filename: file.filename, fileType: file.fileType, fileSizeBytes: file.fileSizeBytes.toString(), s3Key: file.s3Key },
      });
      return { file, jobs };
    });
    publishJobChanges(ctx.db, ctx.bus, jobs);
    ctx.loaders.mediaFileById.prime(file.id, file);
    return file;
  },

  async updateMediaFile(_root, args, ctx) {
    requireWriter(ctx.identity);
    const id = uuidArg('id', args.id);
    const input = parseUpdateMediaFile(args.input);
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null));
    if (Object.keys(changes).length === 0) throw badInput('input', 'give at least one field to change');
    return ctx.db.run(async (tx) => {
      const before = await tx.mediaFile.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw notFound('Media file');
      const file = await tx.mediaFile.update({ where: { id }, data: changes });
      await audit(tx, ctx.identity, ctx.requestId, {
        eventType: 'media_file.updated',
        category: 'upload',
        action: 'update',
        subjectUserId: file.userId,
        target: { type: 'media_file', id },
        oldValues: Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof typeof before]])),
        newValues: changes,
      });
      return file;
    });
  },

  async deleteMediaFile(_root, args, ctx) {
    requireWriter(ctx.identity);
    const id = uuidArg('id', args.id);
    const { file, abandoned } = await ctx.db.run(async (tx) => {
      const before = await tx.mediaFile.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw notFound('Media file');
      const file = await tx.mediaFile.update({ where: { id }, data: { status: 'deleted', deletedAt: new Date() } });
      const abandoned = await abandonJobsOf(tx, id);
      await audit(tx, ctx.identity, ctx.requestId, {
        eventType: 'media_file.deleted',
        category: 'upload',
        action: 'delete',
        subjectUserId: file.userId,
        target: { type: 'media_file', id },
        description: `Deleted ${file.filename}`,
        oldValues: { status: before.status },
        riskLevel: isAdmin(ctx.identity) && ctx.identity.userId !== file.userId ? 'medium' : 'low',
      });
      return { file, abandoned };
    });
    publishJobChanges(ctx.db, ctx.bus, abandoned);
    return file;
  },

  async recordMediaView(_root, args, ctx) {
    requireUser(ctx.identity);
    const id = uuidArg('id', args.id);
    return ctx.db.run(async (tx) => {
      const { count } = await tx.mediaFile.updateMany({ where: { id, deletedAt: null }, data: { viewCount: { increment: 1 }, lastViewedAt: new Date() } });
      if (count === 0) throw notFound('Media file');
      return (await tx.mediaFile.findUnique({ where: { id } }))!;
    });
  },

  async recordMediaSearchClick(_root, args, ctx) {
    requireUser(ctx.identity);
    const searchId = uuidArg('searchId', args.searchId);
    const mediaFileId = uuidArg('mediaFileId', args.mediaFileId);
    if (!(await ctx.loaders.mediaFileById.load(mediaFileId))) throw notFound('Media file');
    return ctx.db.run(async (tx) => {
      if (!(await recordClick(tx, searchId, mediaFileId))) throw notFound('Search');
      return (await tx.searchHistory.findFirst({ where: { id: searchId } }))!;
    });
  },

  async changeMediaSubscription(_root, args, ctx) {
    requireBilling(ctx.identity);
    const userId = uuidArg('userId', args.userId);
    const input = parseChangeSubscription(args.input);
    await ctx.db.run(async (tx) => {
      const before = await tx.account.findUnique({ where: { userId } });
      const data = {
        ...(input.tier ? { subscriptionTier: input.tier } : {}),
        ...(input.tier && input.tier !== before?.subscriptionTier ? { subscriptionStartedAt: new Date() } : {}),
        ...(input.status ? { subscriptionStatus: input.status } : {}),
        ...(input.endsAt ? { subscriptionEndsAt: input.endsAt } : {}),
        ...(input.stripeCustomerId ? { stripeCustomerId: input.stripeCustomerId } : {}),
        ...(input.stripeSubscriptionId ? { stripeSubscriptionId: input.stripeSubscriptionId } : {}),
      };
      if (Object.keys(data).length === 0) throw badInput('input', 'give at least one field to change');
      await tx.account.upsert({ where: { userId }, create: { userId, ...data }, update: data });
      await audit(tx, ctx.identity, ctx.requestId, {
        eventType: 'subscription.changed',
        category: 'billing',
        action: 'update',
        subjectUserId: userId,
        target: { type: 'account', id: userId },
        oldValues: before ? { tier: before.subscriptionTier, status: before.subscriptionStatus } : null,
        newValues: data,
        riskLevel: 'medium',
      });
    });
    return (await usageFor(ctx, userId))!;
  },

  async claimProcessingJobs(_root, args, ctx) {
    requireProcessor(ctx.identity);
    const limit = args.limit ?? 1;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CLAIM) throw badInput('limit', `must be between 1 and ${MAX_CLAIM}`);
    const jobs = await ctx.db.run((tx) =>
      claimJobs(tx, {
        limit,
        jobTypes: args.jobTypes?.map((t) => toDb(t) as JobType),
        mediaFileIds: args.mediaFileIds?.map((id, i) => uuidArg(`mediaFileIds.${i}`, id)),
      }),
    );
    publishJobChanges(ctx.db, ctx.bus, jobs);
    return jobs;
  },

  async reportProcessingJobProgress(_root, args, ctx) {
    requireProcessor(ctx.identity);
    const jobId = uuidArg('jobId', args.jobId);
    const progress = args.progressPercentage;
    if (!Number.isInteger(progress) || progress < 0 || progress > 100) throw badInput('progressPercentage', 'must be a whole number from 0 to 100');
    const eta = args.estimatedCompletionAt ? new Date(args.estimatedCompletionAt) : null;
    const job = await ctx.db.run((tx) => reportProgress(tx, jobId, progress, eta));
    publishJobChanges(ctx.db, ctx.bus, [job]);
    return job;
  },

  async completeProcessingJob(_root, args, ctx) {
    requireProcessor(ctx.identity);
    const completion = parseCompletion(args.input);
    completion.jobId = uuidArg('input.jobId', completion.jobId);
    const job = await ctx.db.run((tx) => completeJob(tx, ctx.embeddingStorage, completion));
    publishJobChanges(ctx.db, ctx.bus, [job]);
    return job;
  },

  async failProcessingJob(_root, args, ctx) {
    requireProcessor(ctx.identity);
    const failure = parseFailure(args.input);
    failure.jobId = uuidArg('input.jobId', failure.jobId);
    const job = await ctx.db.run(async (tx) => {
      const job = await failJob(tx, failure);
      if (job.status === 'failed')
        await audit(tx, ctx.identity, ctx.requestId, {
          eventType: 'processing_job.failed',
          category: 'upload',
          action: 'fail',
          subjectUserId: job.userId,
          target: { type: 'processing_job', id: job.id },
          description: `${job.jobType} failed after ${job.attempts} attempt(s): ${job.errorMessage}`,
          riskLevel: 'low',
        });
      return job;
    });
    publishJobChanges(ctx.db, ctx.bus, [job]);
    return job;
  },
};
