import type { Db, EventBus } from '@sixfold/kit';
import type { ProcessingJob } from '../generated/prisma/client.js';

/** Published after every committed change of a processing job; served as `Subscription.processingJobProgress`. */
export const JOB_PROGRESS_TOPIC = 'media.processingJobProgress';

/**
 * The job as it was committed, in JSON form (it crosses Redis): subscribers are served from it
 * without reading the database again. Dates are ISO strings and decimals strings, which the
 * DateTime and Decimal scalars serialize as they are.
 */
export interface JobProgressEvent {
  job: ProcessingJob;
}

export function publishJobChanges(db: Pick<Db<unknown>, 'afterCommit'>, bus: EventBus, jobs: readonly ProcessingJob[]): void {
  if (jobs.length === 0) return;
  const events: JobProgressEvent[] = jobs.map((job) => ({ job: JSON.parse(JSON.stringify(job)) as ProcessingJob }));
  db.afterCommit(() => Promise.all(events.map((event) => bus.publish(JOB_PROGRESS_TOPIC, event))));
}
