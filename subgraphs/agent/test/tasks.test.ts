import { describe, expect, it } from '@jest/globals';
import { ADMIN, WORKER, agentUnderTest, uniqueTaskType, user } from './support.js';

const { subgraph, db } = agentUnderTest();

const TASK = 'id taskType status priority workerId retryCount maxRetries errorMessage scheduledAt attempts { attempt error workerId } deadLetter { id errorMessage attempts { attempt } originalTask { id } }';
const ENQUEUE = `mutation ($input: EnqueueBackgroundTaskInput!) { enqueueBackgroundTask(input: $input) { ${TASK} createdBy { id } } }`;
const CLAIM = `mutation ($input: ClaimBackgroundTasksInput!) { claimBackgroundTasks(input: $input) { ${TASK} } }`;
const FAIL = `mutation ($input: FailBackgroundTaskInput!) { failBackgroundTask(input: $input) { ${TASK} } }`;
const COMPLETE = `mutation ($input: CompleteBackgroundTaskInput!) { completeBackgroundTask(input: $input) { ${TASK} result completedAt } }`;

async function enqueue(taskType: string, extra: Record<string, unknown> = {}, identity = WORKER) {
  const res = await subgraph.query<any>(ENQUEUE, { input: { taskType, payload: { n: 1 }, ...extra } }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.enqueueBackgroundTask;
}

const claim = (workerId: string, taskType: string, limit = 1) => subgraph.query<any>(CLAIM, { input: { workerId, taskTypes: [taskType], limit } }, WORKER);

describe('enqueueing', () => {
  it('queues system tasks for workers and own tasks for users', async () => {
    const type = uniqueTaskType('enqueue');
    const system = await enqueue(type);
    expect(system).toMatchObject({ status: 'PENDING', priority: 'NORMAL', retryCount: 0, maxRetries: 3, createdBy: null });
    const alice = user();
    const own = await enqueue(type, { priority: 'HIGH' }, alice);
    expect(own.createdBy).toEqual({ id: alice.userId });
  });

  it('validates the task before queueing it', async () => {
    const res = await subgraph.query<any>(ENQUEUE, { input: { taskType: 'Not A Type', maxRetries: 3 } }, WORKER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.taskType' });
    const retries = await subgraph.query<any>(ENQUEUE, { input: { taskType: 'ok.type', maxRetries: 99 } }, WORKER);
    expect(retries.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxRetries' });
    const anonymous = await subgraph.query<any>(ENQUEUE, { input: { taskType: 'ok.type' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('claiming', () => {
  it('claims the most urgent due task first, then the earliest scheduled', async () => {
    const type = uniqueTaskType('order');
    const low = await enqueue(type, { priority: 'LOW', scheduledAt: '2026-01-01T00:00:00Z' });
    const laterCritical = await enqueue(type, { priority: 'CRITICAL', scheduledAt: '2026-01-02T00:00:00Z' });
    const earlierCritical = await enqueue(type, { priority: 'CRITICAL', scheduledAt: '2026-01-01T00:00:00Z' });
    await enqueue(type, { priority: 'CRITICAL', scheduledAt: '2999-01-01T00:00:00Z' }); // not due
    const res = await claim('worker-a', type, 10);
    expect(res.data.claimBackgroundTasks.map((t: any) => t.id)).toEqual([earlierCritical.id, laterCritical.id, low.id]);
    expect(res.data.claimBackgroundTasks.every((t: any) => t.status === 'RUNNING' && t.workerId === 'worker-a')).toBe(true);
  });

  it('never gives the same task to two concurrent claimers', async () => {
    const type = uniqueTaskType('race');
    for (let i = 0; i < 12; i++) await enqueue(type);
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => claim(w, type, 5)));
    const claimed = claims.flatMap((res) => {
      expect(res.errors).toBeUndefined();
      return res.data.claimBackgroundTasks.map((t: any) => t.id as string);
    });
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(12);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM agent.background_tasks WHERE task_type = $1 AND status = 'running'", [type]);
    expect(rows[0].n).toBe(12);
  });

  it('is for task operators only', async () => {
    const res = await subgraph.query<any>(CLAIM, { input: { workerId: 'sneaky' } }, user());
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('completing and failing', () => {
  it('completes a claimed task with its result, for the worker holding it only', async () => {
    const type = uniqueTaskType('complete');
    const task = await enqueue(type);
    await claim('worker-a', type);
    const wrongWorker = await subgraph.query<any>(COMPLETE, { input: { id: task.id, workerId: 'worker-b', result: {} } }, WORKER);
    expect(wrongWorker.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.workerId' });
    const done = await subgraph.query<any>(COMPLETE, { input: { id: task.id, workerId: 'worker-a', result: { rows: 42 } } }, WORKER);
    expect(done.data.completeBackgroundTask).toMatchObject({ status: 'COMPLETED', result: { rows: 42 } });
    const plain = await enqueue(type);
    await claim('worker-a', type);
    const withoutResult = await subgraph.query<any>(COMPLETE, { input: { id: plain.id, workerId: 'worker-a' } }, WORKER);
    expect(withoutResult.data.completeBackgroundTask).toMatchObject({ status: 'COMPLETED', result: null });
    const twice = await subgraph.query<any>(COMPLETE, { input: { id: task.id, workerId: 'worker-a' } }, WORKER);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
  });

  it('retries a failing task until max_retries, then moves it to the dead-letter queue in the same transaction', async () => {
    const type = uniqueTaskType('retry');
    const task = await enqueue(type, { maxRetries: 2, payload: { file: 'x.csv' } });
    for (const attempt of [1, 2]) {
      await claim(`worker-${attempt}`, type);
      const failed = await subgraph.query<any>(FAIL, { input: { id: task.id, workerId: `worker-${attempt}`, error: `boom ${attempt}`, retryInSeconds: 0 } }, WORKER);
      expect(failed.data.failBackgroundTask).toMatchObject({ status: 'PENDING', retryCount: attempt, workerId: null, errorMessage: `boom ${attempt}`, deadLetter: null });
    }
    await claim('worker-3', type);
    const last = await subgraph.query<any>(FAIL, { input: { id: task.id, workerId: 'worker-3', error: 'boom 3', errorStack: 'Error: boom 3\n  at run' } }, WORKER);
    const dead = last.data.failBackgroundTask;
    expect(dead).toMatchObject({ status: 'DEAD_LETTER', retryCount: 2, errorMessage: 'boom 3' });
    expect(dead.attempts.map((a: any) => [a.attempt, a.error, a.workerId])).toEqual([
      [1, 'boom 1', 'worker-1'],
      [2, 'boom 2', 'worker-2'],
      [3, 'boom 3', 'worker-3'],
    ]);
    expect(dead.deadLetter).toMatchObject({ errorMessage: 'boom 3', originalTask: { id: task.id } });
    expect(dead.deadLetter.attempts).toHaveLength(3);
    const { rows } = await db.query('SELECT payload, error_stack FROM agent.dead_letter_queue WHERE original_task_id = $1', [task.id]);
    expect(rows).toEqual([{ payload: { file: 'x.csv' }, error_stack: 'Error: boom 3\n  at run' }]);
    // Dead letters are never claimed again.
    expect((await claim('worker-4', type)).data.claimBackgroundTasks).toEqual([]);
  });

  it('backs off exponentially unless told otherwise, and dead-letters unretryable errors at once', async () => {
    const type = uniqueTaskType('backoff');
    const task = await enqueue(type);
    await claim('w', type);
    const before = Date.now();
    const failed = await subgraph.query<any>(FAIL, { input: { id: task.id, workerId: 'w', error: 'flaky' } }, WORKER);
    const delay = Date.parse(failed.data.failBackgroundTask.scheduledAt) - before;
    expect(delay).toBeGreaterThan(25_000);
    expect(delay).toBeLessThan(35_000);

    const fatal = await enqueue(type, { maxRetries: 5 });
    const [claimed] = (await claim('w', type)).data.claimBackgroundTasks;
    expect(claimed.id).toBe(fatal.id);
    const res = await subgraph.query<any>(FAIL, { input: { id: fatal.id, workerId: 'w', error: 'schema mismatch', retryable: false } }, WORKER);
    expect(res.data.failBackgroundTask).toMatchObject({ status: 'DEAD_LETTER', retryCount: 0 });
  });

  it('shows dead letters to operators only', async () => {
    const QUERY = '{ deadLetters(first: 50) { totalCount edges { node { taskType errorMessage originalTask { id status } } } } }';
    const operator = await subgraph.query<any>(QUERY, {}, WORKER);
    expect(operator.data.deadLetters.totalCount).toBeGreaterThan(0);
    expect(operator.data.deadLetters.edges.every((e: any) => !e.node.originalTask || e.node.originalTask.status === 'DEAD_LETTER')).toBe(true);
    const someone = await subgraph.query<any>(QUERY, {}, user());
    expect(someone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cancelling and listing', () => {
  it('lets a user cancel and list only their own tasks', async () => {
    const type = uniqueTaskType('own');
    const alice = user();
    const bob = user();
    const task = await enqueue(type, {}, alice);
    const byBob = await subgraph.query<any>('mutation ($id: ID!) { cancelBackgroundTask(id: $id) { status } }', { id: task.id }, bob);
    expect(byBob.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byAlice = await subgraph.query<any>('mutation ($id: ID!) { cancelBackgroundTask(id: $id) { status } }', { id: task.id }, alice);
    expect(byAlice.data.cancelBackgroundTask.status).toBe('CANCELLED');

    const LIST = `query ($types: [String!]) { backgroundTasks(filter: { taskTypes: $types }) { totalCount } taskQueueStats { taskType status count } }`;
    expect((await subgraph.query<any>(LIST, { types: [type] }, alice)).data.backgroundTasks.totalCount).toBe(1);
    const bobs = await subgraph.query<any>(LIST, { types: [type] }, bob);
    expect(bobs.data.backgroundTasks.totalCount).toBe(0);
    expect(bobs.data.taskQueueStats).toEqual([]);
    const admin = await subgraph.query<any>(LIST, { types: [type] }, ADMIN);
    expect(admin.data.taskQueueStats.find((s: any) => s.taskType === type)).toEqual({ taskType: type, status: 'CANCELLED', count: 1 });
  });

  it('does not cancel a running task', async () => {
    const type = uniqueTaskType('running');
    const task = await enqueue(type);
    await claim('w', type);
    const res = await subgraph.query<any>('mutation ($id: ID!) { cancelBackgroundTask(id: $id) { status } }', { id: task.id }, WORKER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('filters by status, priority and type, in claim order', async () => {
    const res = await subgraph.query<any>('{ backgroundTasks(first: 100, filter: { statuses: [PENDING, QUEUED], priorities: [CRITICAL, HIGH] }) { edges { node { status priority } } } }', {}, ADMIN);
    const nodes = res.data.backgroundTasks.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => ['PENDING', 'QUEUED'].includes(n.status) && ['CRITICAL', 'HIGH'].includes(n.priority))).toBe(true);
    const firstHigh = nodes.findIndex((n: any) => n.priority === 'HIGH');
    expect(nodes.slice(firstHigh === -1 ? nodes.length : firstHigh).every((n: any) => n.priority === 'HIGH')).toBe(true);
  });
});
