/**
 * The background task queue: enqueue, claim (FOR UPDATE SKIP LOCKED, most urgent first), complete,
 * fail with retries, and the move to the dead-letter queue once retries are spent, in the same
 * transaction. Every status change is published after commit.
 */
import { conflict, empty, notFound, parseInput, requireSignedIn, sql, uuidArg } from '@sixfold/kit';
import { z } from 'zod';
import { isTaskOperator, requireTaskOperator, requireWriter } from './access.js';
import type { AgentContext, AgentTx } from './context.js';
import { lockRow } from './db.js';
import { publishTaskStatusChanged } from './events.js';
import { Prisma, type BackgroundTask, type TaskStatus } from './generated/prisma/client.js';
import { identifier, jsonObject, optionalText, text, uuid } from './validation.js';

/** Statuses a task may be cancelled from: anything not running and not finished. */
const CANCELLABLE: TaskStatus[] = ['PENDING', 'QUEUED', 'PAUSED', 'STUCK'];

const BACKOFF_BASE_SECONDS = 30;
const BACKOFF_MAX_SECONDS = 3_600;
/** 30 s, 1 min, 2 min, … capped at an hour. */
const backoffSeconds = (retryCount: number) => Math.min(BACKOFF_BASE_SECONDS * 2 ** retryCount, BACKOFF_MAX_SECONDS);

/** One failed attempt, as kept in retry_history. */
interface TaskAttempt {
  attempt: number;
  error: string;
  workerId: string | null;
  failedAt: string;
}

export const attemptsOf = (history: Prisma.JsonValue): TaskAttempt[] => (Array.isArray(history) ? (history as unknown as TaskAttempt[]) : []);

const taskType = identifier(100);
const priority = z.enum(['CRITICAL', 'HIGH', 'NORMAL', 'LOW', 'BACKGROUND']);

const enqueueInput = z.object({
  taskType,
  payload: jsonObject.nullish(),
  priority: priority.nullish(),
  scheduledAt: z.date().nullish(),
  maxRetries: z.number().int().min(0).max(20).nullish(),
});

/** Users enqueue tasks of their own; task operators without a user enqueue system tasks. */
export async function enqueueTask(ctx: AgentContext, input: unknown): Promise<BackgroundTask> {
  requireSignedIn(ctx.identity);
  const createdBy = isTaskOperator(ctx.identity) ? ctx.identity.userId : requireWriter(ctx.identity);
  const data = parseInput(enqueueInput, input);
  const task = await ctx.db.run((tx) =>
    tx.backgroundTask.create({
      data: {
        taskType: data.taskType,
        payload: (data.payload ?? {}) as Prisma.InputJsonObject,
        priority: data.priority ?? 'NORMAL',
        scheduledAt: data.scheduledAt ?? new Date(),
        maxRetries: data.maxRetries ?? 3,
        createdBy,
      },
    }),
  );
  publishTaskStatusChanged(ctx, task);
  return task;
}

const claimInput = z.object({
  workerId: text(255),
  taskTypes: z.array(taskType).max(50).nullish(),
  limit: z.number().int().min(1).max(100).nullish(),
});

/**
 * Claims up to `limit` due tasks for a worker. SKIP LOCKED lets concurrent claimers pass over
 * the rows another claimer holds, so no task is claimed twice; the locks last until the request
 * commits.
 */
export async function claimTasks(ctx: AgentContext, input: unknown): Promise<BackgroundTask[]> {
  requireTaskOperator(ctx.identity);
  const data = parseInput(claimInput, input);
  const types = data.taskTypes?.length ? sql`AND task_type = ANY(${data.taskTypes}::text[])` : empty;
  const claimed = await ctx.db.run(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string }>>(sql`
      WITH next AS (
        SELECT id FROM agent.background_tasks
        WHERE status IN ('pending', 'queued') AND scheduled_at <= now() ${types}
        ORDER BY priority, scheduled_at, id
        LIMIT ${data.limit ?? 1}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE agent.background_tasks t
      SET status = 'running', worker_id = ${data.workerId}, started_at = now()
      FROM next WHERE t.id = next.id
      RETURNING t.id::text AS id`);
    if (rows.length === 0) return [];
    return tx.backgroundTask.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: [{ priority: 'asc' }, { scheduledAt: 'asc' }, { id: 'asc' }],
    });
  });
  for (const task of claimed) publishTaskStatusChanged(ctx, task);
  return claimed;
}

const completeInput = z.object({ id: uuid, workerId: text(255), result: z.unknown().optional() });

export async function completeTask(ctx: AgentContext, input: unknown): Promise<BackgroundTask> {
  requireTaskOperator(ctx.identity);
  const data = parseInput(completeInput, input);
  const task = await ctx.db.run(async (tx) => {
    await lockClaimedTask(tx, data.id, data.workerId);
    return tx.backgroundTask.update({
      where: { id: data.id },
      data: {
        status: 'COMPLETED',
        completedAt: new Date(),
        errorMessage: null,
        result: data.result === undefined || data.result === null ? Prisma.DbNull : (data.result as Prisma.InputJsonValue),
      },
    });
  });
  return changed(ctx, task);
}

const failInput = z.object({
  id: uuid,
  workerId: text(255),
  error: text(10_000),
  errorStack: optionalText(100_000),
  retryable: z.boolean().nullish(),
  retryInSeconds: z.number().int().min(0).max(86_400).nullish(),
});

/**
 * Records a failed attempt. While retries remain (and the error is retryable) the task goes back
 * to PENDING after a delay; otherwise it becomes DEAD_LETTER and its copy, with every attempt,
 * joins the dead-letter queue: both writes or neither.
 */
export async function failTask(ctx: AgentContext, input: unknown): Promise<BackgroundTask> {
  requireTaskOperator(ctx.identity);
  const data = parseInput(failInput, input);
  const task = await ctx.db.run(async (tx) => {
    const claimed = await lockClaimedTask(tx, data.id, data.workerId);
    const now = new Date();
    const attempt: TaskAttempt = { attempt: claimed.retryCount + 1, error: data.error, workerId: data.workerId, failedAt: now.toISOString() };
    const history = [...attemptsOf(claimed.retryHistory), attempt] as unknown as Prisma.InputJsonArray;
    if ((data.retryable ?? true) && claimed.retryCount < claimed.maxRetries) {
      const delay = data.retryInSeconds ?? backoffSeconds(claimed.retryCount);
      return tx.backgroundTask.update({
        where: { id: claimed.id },
        data: {
          status: 'PENDING',
          retryCount: { increment: 1 },
          workerId: null,
          startedAt: null,
          errorMessage: data.error,
          retryHistory: history,
          scheduledAt: new Date(now.getTime() + delay * 1_000),
        },
      });
    }
    await tx.deadLetterEntry.create({
      data: {
        originalTaskId: claimed.id,
        taskType: claimed.taskType,
        payload: claimed.payload as Prisma.InputJsonValue,
        errorMessage: data.error,
        errorStack: data.errorStack ?? null,
        retryHistory: history,
      },
    });
    return tx.backgroundTask.update({
      where: { id: claimed.id },
      data: { status: 'DEAD_LETTER', errorMessage: data.error, retryHistory: history, completedAt: now },
    });
  });
  ctx.loaders.deadLetterByTask.clear(task.id);
  return changed(ctx, task);
}

/** Cancels a task that is not running: its owner or a task operator. */
export async function cancelTask(ctx: AgentContext, idArg: string): Promise<BackgroundTask> {
  if (!isTaskOperator(ctx.identity)) requireWriter(ctx.identity);
  const id = uuidArg('id', idArg);
  const task = await ctx.db.run(async (tx) => {
    if (!(await lockRow(tx, 'agent.background_tasks', id))) throw notFound('Background task');
    const current = (await tx.backgroundTask.findUnique({ where: { id } }))!;
    if (!CANCELLABLE.includes(current.status)) throw conflict('id', `a ${current.status.toLowerCase()} task cannot be cancelled`);
    return tx.backgroundTask.update({ where: { id }, data: { status: 'CANCELLED', completedAt: new Date() } });
  });
  return changed(ctx, task);
}

/** Locks a task and checks that `workerId` holds its claim. */
async function lockClaimedTask(tx: AgentTx, id: string, workerId: string): Promise<BackgroundTask> {
  if (!(await lockRow(tx, 'agent.background_tasks', id))) throw notFound('Background task');
  const task = (await tx.backgroundTask.findUnique({ where: { id } }))!;
  if (task.status !== 'RUNNING') throw conflict('input.id', `the task is ${task.status.toLowerCase()}, not running`);
  if (task.workerId !== workerId) throw conflict('input.workerId', 'another worker holds this task');
  return task;
}

function changed(ctx: AgentContext, task: BackgroundTask): BackgroundTask {
  ctx.loaders.taskById.clear(task.id).prime(task.id, task);
  publishTaskStatusChanged(ctx, task);
  return task;
}
