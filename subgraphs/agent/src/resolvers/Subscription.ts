import { notFound, requireSignedIn, uuidArg, withFilter } from '@sixfold/kit';
import { canSeeOwnedBy, isTaskOperator } from '../access.js';
import type { AgentContext } from '../context.js';
import { Topic, taskFromWire, turnFromWire, type DebateTurnAddedEvent, type TaskStatusChangedEvent } from '../events.js';
import type { SubscriptionDebateTurnAddedArgs, SubscriptionResolvers, SubscriptionTaskStatusChangedArgs } from '../generated/graphql.js';

/**
 * Only a debate the subscriber may see (its owner, or an admin) can be followed; any other is
 * NOT_FOUND, as it is to queries. Each event is checked against the debate's owner again.
 */
async function subscribeToTurns(_root: unknown, { sessionId }: SubscriptionDebateTurnAddedArgs, ctx: AgentContext) {
  requireSignedIn(ctx.identity);
  if (!(await ctx.loaders.debateById.load(uuidArg('sessionId', sessionId)))) throw notFound('Debate session');
  return ctx.bus.subscribe<DebateTurnAddedEvent>(Topic.debateTurnAdded);
}

const isTurnFor = (event: DebateTurnAddedEvent, { sessionId }: SubscriptionDebateTurnAddedArgs, ctx: AgentContext) =>
  event.sessionId === sessionId.toLowerCase() && canSeeOwnedBy(ctx.identity, event.ownerId);

/** Task operators follow the whole queue; users the tasks they enqueued. */
async function subscribeToTasks(_root: unknown, _args: SubscriptionTaskStatusChangedArgs, ctx: AgentContext) {
  requireSignedIn(ctx.identity);
  return ctx.bus.subscribe<TaskStatusChangedEvent>(Topic.taskStatusChanged);
}

const isTaskChangeFor = ({ task }: TaskStatusChangedEvent, { taskTypes, statuses }: SubscriptionTaskStatusChangedArgs, ctx: AgentContext) =>
  (!taskTypes?.length || taskTypes.includes(task.taskType)) &&
  (!statuses?.length || statuses.includes(task.status)) &&
  (isTaskOperator(ctx.identity) || (task.createdBy !== null && task.createdBy === ctx.identity.userId));

// Events arrive in wire format. The kit gives every event a fresh context (and loaders), so the
// rows they lead to are read as they are now.
export const Subscription: SubscriptionResolvers = {
  debateTurnAdded: {
    subscribe: withFilter(subscribeToTurns as never, isTurnFor as never) as never,
    resolve: (event: DebateTurnAddedEvent) => turnFromWire(event.turn),
  },
  taskStatusChanged: {
    subscribe: withFilter(subscribeToTasks as never, isTaskChangeFor as never) as never,
    resolve: (event: TaskStatusChangedEvent) => taskFromWire(event.task),
  },
};
