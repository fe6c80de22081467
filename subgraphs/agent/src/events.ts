/**
 * Live events of the agent: `agent.debateTurnAdded` and `agent.taskStatusChanged`, published
 * after the change commits. Each carries a snapshot of the row as it was at the event (tasks
 * change again quickly; subscribers must see the status the event is about) and the owner the
 * subscription filter checks. Through Redis they travel as JSON, so dates, decimals and bigints
 * go as strings and are revived on arrival.
 */
import type { AgentContext } from './context.js';
import { Prisma, type BackgroundTask, type DebateTurn } from './generated/prisma/client.js';

export const Topic = {
  debateTurnAdded: 'agent.debateTurnAdded',
  taskStatusChanged: 'agent.taskStatusChanged',
} as const;

type Wire<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] extends bigint | Prisma.Decimal ? string : T[K];
};

export interface DebateTurnAddedEvent {
  sessionId: string;
  /** The debate's owner: who, besides admins, may receive the event. */
  ownerId: string;
  turn: Wire<DebateTurn>;
}

export interface TaskStatusChangedEvent {
  task: Wire<BackgroundTask>;
}

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;
const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

export const turnFromWire = (turn: Wire<DebateTurn>): DebateTurn => ({
  ...turn,
  responseTime: BigInt(turn.responseTime),
  confidence: new Prisma.Decimal(turn.confidence),
  createdAt: new Date(turn.createdAt),
});

export const taskFromWire = (task: Wire<BackgroundTask>): BackgroundTask => ({
  ...task,
  scheduledAt: new Date(task.scheduledAt),
  startedAt: dateOrNull(task.startedAt),
  completedAt: dateOrNull(task.completedAt),
  createdAt: new Date(task.createdAt),
});

type Publisher = Pick<AgentContext, 'db' | 'bus'>;

export function publishDebateTurnAdded(ctx: Publisher, ownerId: string, turn: DebateTurn): void {
  const event: DebateTurnAddedEvent = {
    sessionId: turn.sessionId,
    ownerId,
    turn: { ...turn, responseTime: String(turn.responseTime), confidence: turn.confidence.toString(), createdAt: turn.createdAt.toISOString() },
  };
  ctx.db.afterCommit(() => ctx.bus.publish(Topic.debateTurnAdded, event));
}

export function publishTaskStatusChanged(ctx: Publisher, task: BackgroundTask): void {
  const event: TaskStatusChangedEvent = {
    task: {
      ...task,
      scheduledAt: task.scheduledAt.toISOString(),
      startedAt: isoOrNull(task.startedAt),
      completedAt: isoOrNull(task.completedAt),
      createdAt: task.createdAt.toISOString(),
    },
  };
  ctx.db.afterCommit(() => ctx.bus.publish(Topic.taskStatusChanged, event));
}
