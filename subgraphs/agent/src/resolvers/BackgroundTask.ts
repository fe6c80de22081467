import type { BackgroundTaskResolvers } from '../generated/graphql.js';
import { userRefOrNull } from '../references.js';
import { attemptsOf } from '../tasks.js';

export const BackgroundTask: BackgroundTaskResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.taskById.load(ref.id),
  createdBy: (task) => userRefOrNull(task.createdBy),
  attempts: (task) => attemptsOf(task.retryHistory),
  deadLetter: (task, _args, ctx) => (task.status === 'DEAD_LETTER' ? ctx.loaders.deadLetterByTask.load(task.id) : null),
};
