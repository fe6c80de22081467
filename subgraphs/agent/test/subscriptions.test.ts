/**
 * Live events over graphql-ws, straight at the subgraph with a signed identity in the connection
 * parameters (as the gateway connects): subscribers receive the events they may see, after commit,
 * and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { publishDebateTurnAdded, publishTaskStatusChanged } from '../src/events.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { DEBATE_INPUT, WORKER, agentUnderTest, turn, uniqueTaskType, user } from './support.js';

const clients: Client[] = [];
// Declared before the subgraph's hooks, so it runs first: the clients go before the subgraph stops.
afterAll(() => Promise.all(clients.map((c) => c.dispose())));
const { subgraph } = agentUnderTest();

type Result = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

/** A subscription whose results queue up until the test takes them. */
interface Feed {
  next(timeoutMs?: number): Promise<Result>;
  /** Publishes `probe` until the subscription delivers it: from then on, no event can be missed. */
  ready(probe: () => Promise<void>): Promise<void>;
}

function subscribe(identity: Identity | null, query: string, variables: Record<string, unknown>, isProbe: (r: Result) => boolean): Feed {
  const client = createClient({
    url: subgraph.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: async () => (identity ? { [IDENTITY_HEADER]: await signIdentity(identity, process.env.IDENTITY_SECRET!) } : {}),
  });
  clients.push(client);
  const queue: Result[] = [];
  const waiting: Array<(r: Result) => void> = [];
  const push = (r: Result) => (waiting.length ? waiting.shift()!(r) : queue.push(r));
  client.subscribe({ query, variables }, {
    next: (r) => push(r as Result),
    error: (e) => push({ errors: Array.isArray(e) ? e : [{ message: String((e as { reason?: string }).reason ?? e), extensions: { closeCode: (e as { code?: number }).code } }] }),
    complete: () => {},
  });
  const take = (timeoutMs: number) =>
    new Promise<Result | undefined>((resolve) => {
      if (queue.length) return resolve(queue.shift());
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(done), 1);
        resolve(undefined);
      }, timeoutMs);
      const done = (r: Result) => {
        clearTimeout(timer);
        resolve(r);
      };
      waiting.push(done);
    });
  return {
    async next(timeoutMs = 5_000) {
      for (;;) {
        const r = await take(timeoutMs);
        if (!r) throw new Error('no event arrived');
        if (!isProbe(r)) return r;
      }
    },
    async ready(probe) {
      for (let attempt = 0; attempt < 50; attempt++) {
        await probe();
        const r = await take(100);
        if (r && isProbe(r)) return;
        if (r) throw new Error(`unexpected event before the subscription was ready: ${JSON.stringify(r)}`);
      }
      throw new Error('the subscription never became ready');
    },
  };
}

/** Publishes straight on the bus, as a committed mutation would. */
const publisher = () => ({ db: { afterCommit: (fn: () => unknown) => void fn() }, bus: subgraph.bus }) as never;

const probeTurn = (sessionId: string, ownerId: string) => async () =>
  publishDebateTurnAdded(publisher(), ownerId, {
    id: randomUUID(),
    sessionId,
    roundNumber: 1,
    turnNumber: 1,
    participantId: 'probe',
    position: 'probe',
    content: 'probe',
    rawResponse: {},
    tokensUsed: 0,
    responseTime: 0n,
    confidence: new Prisma.Decimal(0),
    createdAt: new Date(),
  });

const probeTask = (taskType: string, createdBy: string | null, status: 'PENDING' | 'DEAD_LETTER') => async () =>
  publishTaskStatusChanged(publisher(), {
    id: randomUUID(),
    taskType,
    payload: { probe: true },
    status,
    priority: 'NORMAL',
    workerId: null,
    retryCount: 0,
    maxRetries: 0,
    errorMessage: null,
    result: null,
    scheduledAt: new Date(),
    startedAt: null,
    completedAt: null,
    createdAt: new Date(),
    createdBy,
    retryHistory: [],
  });

const TURNS = `subscription ($id: ID!) { debateTurnAdded(sessionId: $id) { id roundNumber turnNumber content session { id currentRound } } }`;
const isTurnProbe = (r: Result) => r.data?.debateTurnAdded?.content === 'probe';
const TASKS = `subscription ($types: [String!], $statuses: [BackgroundTaskStatus!]) { taskStatusChanged(taskTypes: $types, statuses: $statuses) { id taskType status payload createdBy { id } } }`;
const isTaskProbe = (r: Result) => r.data?.taskStatusChanged?.payload?.probe === true;

async function debateOf(owner: Identity): Promise<string> {
  const res = await subgraph.query<any>('mutation ($input: CreateDebateSessionInput!) { createDebateSession(input: $input) { id } }', { input: DEBATE_INPUT }, owner);
  return res.data.createDebateSession.id;
}

const A = DEBATE_INPUT.participants[0]!;
const B = DEBATE_INPUT.participants[1]!;
const ADD_TURN = 'mutation ($input: AddDebateTurnInput!) { addDebateTurn(input: $input) { id } }';

describe('debateTurnAdded', () => {
  it('delivers the turns of the subscribed debate, with fields resolved at the time of each event', async () => {
    const alice = user();
    const [followed, other] = [await debateOf(alice), await debateOf(alice)];
    const feed = subscribe(alice, TURNS, { id: followed }, isTurnProbe);
    await feed.ready(probeTurn(followed, alice.userId!));

    await subgraph.query(ADD_TURN, { input: turn(other, 1, 1, A.id, A.position) }, alice);
    const added = await subgraph.query<any>(ADD_TURN, { input: turn(followed, 1, 1, A.id, A.position) }, alice);
    const first = await feed.next();
    expect(first.data.debateTurnAdded).toMatchObject({ id: added.data.addDebateTurn.id, roundNumber: 1, turnNumber: 1, session: { id: followed, currentRound: 1 } });

    await subgraph.query(ADD_TURN, { input: turn(followed, 1, 2, B.id, B.position) }, alice);
    await subgraph.query(ADD_TURN, { input: turn(followed, 2, 1, A.id, A.position) }, alice);
    expect((await feed.next()).data.debateTurnAdded).toMatchObject({ turnNumber: 2, session: { currentRound: 1 } });
    expect((await feed.next()).data.debateTurnAdded).toMatchObject({ roundNumber: 2, session: { currentRound: 2 } });
  });

  it('publishes nothing for a mutation that rolled back', async () => {
    const alice = user();
    const debate = await debateOf(alice);
    const feed = subscribe(alice, TURNS, { id: debate }, isTurnProbe);
    await feed.ready(probeTurn(debate, alice.userId!));
    const res = await subgraph.query<any>(
      `mutation ($ok: AddDebateTurnInput!, $bad: AddDebateTurnInput!) { ok: addDebateTurn(input: $ok) { id } bad: addDebateTurn(input: $bad) { id } }`,
      { ok: turn(debate, 1, 1, A.id, A.position), bad: turn(debate, 1, 5, B.id, B.position) },
      alice,
    );
    expect(res.errors).toBeDefined();
    const committed = await subgraph.query<any>(ADD_TURN, { input: turn(debate, 1, 1, B.id, B.position) }, alice);
    // The first event to arrive is the committed turn: the rolled-back one was never published.
    expect((await feed.next()).data.debateTurnAdded.id).toBe(committed.data.addDebateTurn.id);
  });

  it('will not follow another user’s debate', async () => {
    const debate = await debateOf(user());
    const feed = subscribe(user(), TURNS, { id: debate }, isTurnProbe);
    const result = await feed.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('taskStatusChanged', () => {
  it('shows users their own tasks and operators the statuses they asked for', async () => {
    const type = uniqueTaskType('live');
    const alice = user();
    const bob = user();
    const bobs = subscribe(bob, TASKS, { types: [type] }, isTaskProbe);
    const workers = subscribe(WORKER, TASKS, { types: [type], statuses: ['DEAD_LETTER'] }, isTaskProbe);
    await bobs.ready(probeTask(type, bob.userId, 'PENDING'));
    await workers.ready(probeTask(type, null, 'DEAD_LETTER'));

    await subgraph.query('mutation ($t: String!) { enqueueBackgroundTask(input: { taskType: $t }) { id } }', { t: type }, alice);
    const enqueued = await subgraph.query<any>('mutation ($t: String!) { enqueueBackgroundTask(input: { taskType: $t, maxRetries: 0 }) { id } }', { t: type }, bob);
    const taskId = enqueued.data.enqueueBackgroundTask.id;
    // Bob's first event is his own task: alice's, published before it, never reached him.
    expect((await bobs.next()).data.taskStatusChanged).toMatchObject({ id: taskId, status: 'PENDING', createdBy: { id: bob.userId } });

    const CLAIM = 'mutation ($t: String!) { claimBackgroundTasks(input: { workerId: "w1", taskTypes: [$t], limit: 10 }) { id } }';
    const claimed = await subgraph.query<any>(CLAIM, { t: type }, WORKER);
    expect(claimed.data.claimBackgroundTasks).toHaveLength(2);
    for (const { id } of claimed.data.claimBackgroundTasks)
      await subgraph.query('mutation ($id: ID!) { failBackgroundTask(input: { id: $id, workerId: "w1", error: "nope", retryable: false }) { status } }', { id }, WORKER);

    expect((await bobs.next()).data.taskStatusChanged).toMatchObject({ id: taskId, status: 'RUNNING' });
    expect((await bobs.next()).data.taskStatusChanged).toMatchObject({ id: taskId, status: 'DEAD_LETTER' });
    const deadForWorker = [(await workers.next()).data.taskStatusChanged, (await workers.next()).data.taskStatusChanged];
    expect(deadForWorker.map((t) => t.status)).toEqual(['DEAD_LETTER', 'DEAD_LETTER']);
    expect(deadForWorker.map((t) => t.id).sort()).toEqual(claimed.data.claimBackgroundTasks.map((t: any) => t.id).sort());
  });

  it('refuses anonymous subscribers, and connections without a signed identity', async () => {
    const anonymous = subscribe(ANONYMOUS, TASKS, {}, isTaskProbe);
    expect((await anonymous.next()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unsigned = subscribe(null, TASKS, {}, isTaskProbe);
    expect((await unsigned.next()).errors?.[0]?.extensions?.closeCode).toBe(4403);
  });
});
