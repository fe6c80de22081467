import { requireSignedIn, withFilter } from '@sixfold/kit';
import { maySeeUser } from '../access.js';
import type { MediaContext } from '../context.js';
import type { SubscriptionProcessingJobProgressArgs, SubscriptionResolvers } from '../generated/graphql.js';
import { JOB_PROGRESS_TOPIC, type JobProgressEvent } from '../jobs/events.js';

/** Events reach a subscriber only for jobs they may see (their own; all for admins and workers) and that match its arguments. */
const wanted = (event: JobProgressEvent, args: SubscriptionProcessingJobProgressArgs, ctx: MediaContext) =>
  maySeeUser(ctx.identity, event.job.userId) &&
  (!args.jobId || event.job.id === args.jobId.toLowerCase()) &&
  (!args.mediaFileId || event.job.mediaFileId === args.mediaFileId.toLowerCase());

export const Subscription: SubscriptionResolvers = {
  processingJobProgress: {
    // graphql-js always passes the arguments and context; the library's types leave them optional.
    subscribe: withFilter<JobProgressEvent, SubscriptionProcessingJobProgressArgs, MediaContext>(
      (_root, _args, ctx) => {
        requireSignedIn(ctx!.identity, 'Subscribe with an identity to follow processing jobs');
        return ctx!.bus.subscribe<JobProgressEvent>(JOB_PROGRESS_TOPIC);
      },
      (event, args, ctx) => !!event && wanted(event, args!, ctx!),
    ) as never,
    /** The kit gives every event a fresh context: the job's file is read as it is now, not as the first event found it. */
    resolve: (event: JobProgressEvent) => event.job,
  },
};
