import { isUuid } from '@sixfold/kit';
import type { MediaTier, ProcessingJobResolvers, ProcessingJobStatus, ProcessingJobType } from '../generated/graphql.js';
import { fromDb } from '../enums.js';

export const ProcessingJob: ProcessingJobResolvers = {
  __resolveReference: ({ id }, ctx) => (isUuid(id) ? ctx.loaders.jobById.load(id.toLowerCase()) : null),
  async mediaFile(job, _args, ctx) {
    const file = await ctx.loaders.mediaFileById.load(job.mediaFileId);
    // A job and its file have the same owner, so whoever sees one sees the other.
    if (!file) throw new Error(`processing job ${job.id} refers to missing media file ${job.mediaFileId}`);
    return file;
  },
  owner: (job) => ({ id: job.userId }),
  jobType: (job) => fromDb<ProcessingJobType>(job.jobType),
  status: (job) => fromDb<ProcessingJobStatus>(job.status),
  subscriptionTier: (job) => fromDb<MediaTier>(job.subscriptionTier),
  config: (job) => job.jobConfig ?? {},
  result: (job) => job.resultData,
};
