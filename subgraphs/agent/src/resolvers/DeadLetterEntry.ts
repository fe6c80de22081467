import type { DeadLetterEntryResolvers } from '../generated/graphql.js';
import { attemptsOf } from '../tasks.js';

export const DeadLetterEntry: DeadLetterEntryResolvers = {
  originalTask: (entry, _args, ctx) => (entry.originalTaskId ? ctx.loaders.taskById.load(entry.originalTaskId) : null),
  attempts: (entry) => attemptsOf(entry.retryHistory),
};
