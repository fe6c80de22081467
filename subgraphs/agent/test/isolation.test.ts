/**
 * Row-level security through every query path: user A never sees user B's agent data (lists,
 * lookups by id, entity references, nested fields, summaries), anonymous callers see none of it,
 * admins see all of it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Identity } from '@sixfold/kit';
import { ANONYMOUS } from '@sixfold/kit';
import { ADMIN, DEBATE_INPUT, WORKER, agentUnderTest, turn, uniqueTaskType, user, vector } from './support.js';

const { subgraph, db } = agentUnderTest();
const alice = user();
const bob = user();

interface Owned {
  sessionId: string;
  requestId: string;
  responseId: string;
  debateId: string;
  memoryId: string;
  vectorMemoryId: string;
  taskId: string;
}
const data = new Map<Identity, Owned>();
const taskType = uniqueTaskType('isolation');

async function ok<T = any>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<T> {
  const res = await subgraph.query<any>(query, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** Everything one user owns in the agent, made through the graph. */
async function populate(owner: Identity): Promise<Owned> {
  const { startConversation } = await ok('mutation { startConversation(input: {}) { id } }', {}, owner);
  const { submitLlmRequest } = await ok('mutation ($s: ID!) { submitLlmRequest(input: { sessionId: $s, prompt: "secret plans", requestType: "streaming" }) { id } }', { s: startConversation.id }, owner);
  const { llmProviders } = await ok('{ llmProviders(enabledOnly: true) { id } }', {}, ADMIN);
  const { recordLlmResponse } = await ok(
    'mutation ($r: ID!, $p: ID!) { recordLlmResponse(input: { requestId: $r, providerId: $p, content: "the answer", selected: true }) { id } }',
    { r: submitLlmRequest.id, p: llmProviders[0].id },
    ADMIN,
  );
  const { createDebateSession } = await ok('mutation ($input: CreateDebateSessionInput!) { createDebateSession(input: $input) { id } }', { input: DEBATE_INPUT }, owner);
  const first = DEBATE_INPUT.participants[0]!;
  await ok('mutation ($input: AddDebateTurnInput!) { addDebateTurn(input: $input) { id } }', { input: turn(createDebateSession.id, 1, 1, first.id, first.position) }, owner);
  await ok('mutation ($s: ID!) { recordCodeVersion(input: { sessionId: $s, versionHash: "abcdef1", branch: "main" }) { id } }', { s: createDebateSession.id }, owner);
  const { storeMemory } = await ok('mutation ($s: ID!) { storeMemory(input: { content: "likes tea", sessionId: $s }) { id } }', { s: startConversation.id }, owner);
  const { storeVectorMemory } = await ok('mutation ($e: [Float!]) { storeVectorMemory(input: { content: "vector secret", embedding: $e }) { id } }', { e: vector(1, 1) }, owner);
  const { enqueueBackgroundTask } = await ok('mutation ($t: String!) { enqueueBackgroundTask(input: { taskType: $t }) { id } }', { t: taskType }, owner);
  // Streaming metrics have no mutation (the streaming proxy writes them): insert one chunk directly.
  await db.query("INSERT INTO agent.streaming_analytics (stream_id, event_type, chunk_number, latency_ms, tokens_delta, user_id) VALUES ($1, 'stream.chunk', 0, 120, 5, $2)", [
    submitLlmRequest.id,
    owner.userId,
  ]);
  return {
    sessionId: startConversation.id,
    requestId: submitLlmRequest.id,
    responseId: recordLlmResponse.id,
    debateId: createDebateSession.id,
    memoryId: storeMemory.id,
    vectorMemoryId: storeVectorMemory.id,
    taskId: enqueueBackgroundTask.id,
  };
}

beforeAll(async () => {
  data.set(alice, await populate(alice));
  data.set(bob, await populate(bob));
  await ok('mutation { refreshAnalytics }', {}, ADMIN);
});

const LISTS = `query ($taskType: String!) {
  llmRequests(first: 100) { edges { node { id } } }
  conversationSessions(first: 100) { edges { node { id } } }
  debateSessions(first: 100) { edges { node { id } } }
  memories(first: 100) { edges { node { id } } }
  vectorMemories(first: 100) { edges { node { id } } }
  backgroundTasks(first: 100, filter: { taskTypes: [$taskType] }) { edges { node { id } } }
  analyticsEvents(first: 100) { edges { node { user { id } } } }
}`;

const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);

describe('top-level lists', () => {
  it('show a user their own rows only', async () => {
    for (const [me, other] of [[alice, bob], [bob, alice]] as const) {
      const lists = await ok(LISTS, { taskType }, me);
      const mine = data.get(me)!;
      const theirs = data.get(other)!;
      expect(ids(lists.llmRequests)).toContain(mine.requestId);
      expect(ids(lists.llmRequests)).not.toContain(theirs.requestId);
      expect(ids(lists.conversationSessions)).toEqual([mine.sessionId]);
      expect(ids(lists.debateSessions)).toEqual([mine.debateId]);
      expect(ids(lists.memories)).toEqual([mine.memoryId]);
      expect(ids(lists.vectorMemories)).toEqual([mine.vectorMemoryId]);
      expect(ids(lists.backgroundTasks)).toEqual([mine.taskId]);
      expect(new Set(lists.analyticsEvents.edges.map((e: any) => e.node.user.id))).toEqual(new Set([me.userId]));
    }
  });

  it('are empty for anonymous callers and complete for admins', async () => {
    const anonymous = await ok(LISTS, { taskType }, ANONYMOUS);
    for (const connection of Object.values(anonymous)) expect((connection as any).edges).toEqual([]);
    const admin = await ok(LISTS, { taskType }, ADMIN);
    expect(ids(admin.backgroundTasks).sort()).toEqual([data.get(alice)!.taskId, data.get(bob)!.taskId].sort());
    expect(ids(admin.debateSessions)).toEqual(expect.arrayContaining([data.get(alice)!.debateId, data.get(bob)!.debateId]));
  });
});

const LOOKUPS = `query ($request: ID!, $session: ID!, $debate: ID!, $task: ID!, $stream: String!) {
  llmRequest(id: $request) { id prompt responses { content } selectedResponse { id } }
  conversationSession(id: $session) { id requests { totalCount } }
  debateSession(id: $debate) { id turns { content } codeVersions { versionHash } }
  backgroundTask(id: $task) { id }
  streamSummary(streamId: $stream) { chunks }
}`;
const lookupVariables = (owned: Owned) => ({ request: owned.requestId, session: owned.sessionId, debate: owned.debateId, task: owned.taskId, stream: owned.requestId });

describe('lookups by id and nested fields', () => {
  it('find the owner’s rows with everything under them', async () => {
    const found = await ok(LOOKUPS, lookupVariables(data.get(alice)!), alice);
    expect(found.llmRequest).toMatchObject({ prompt: 'secret plans', responses: [{ content: 'the answer' }], selectedResponse: { id: data.get(alice)!.responseId } });
    expect(found.conversationSession.requests.totalCount).toBe(1);
    expect(found.debateSession.turns).toHaveLength(1);
    expect(found.debateSession.codeVersions).toHaveLength(1);
    expect(found.backgroundTask.id).toBe(data.get(alice)!.taskId);
    expect(found.streamSummary.chunks).toBe(1);
  });

  it('find nothing of another user’s, nor anything for anonymous callers', async () => {
    for (const caller of [bob, ANONYMOUS]) {
      const found = await ok(LOOKUPS, lookupVariables(data.get(alice)!), caller);
      expect(found).toEqual({ llmRequest: null, conversationSession: null, debateSession: null, backgroundTask: null, streamSummary: null });
    }
    const admin = await ok(LOOKUPS, lookupVariables(data.get(alice)!), ADMIN);
    expect(admin.llmRequest.responses).toHaveLength(1);
  });
});

const USER_FIELDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id
  llmRequests(first: 5) { totalCount edges { node { id status createdAt responses { id } } } }
  conversationSessions { totalCount }
  debateSessions { totalCount }
  memories { totalCount }
  llmUsage { requests }
} } }`;

describe('entity references', () => {
  it('resolve User fields only for the user themself (and admins)', async () => {
    const r = [{ __typename: 'User', id: alice.userId }];
    const own = (await ok(USER_FIELDS, { r }, alice))._entities[0];
    expect(own).toMatchObject({ llmRequests: { totalCount: 1 }, conversationSessions: { totalCount: 1 }, debateSessions: { totalCount: 1 }, memories: { totalCount: 1 } });
    expect(own.llmRequests.edges[0].node.responses).toHaveLength(1);
    expect(own.llmUsage).toEqual([{ requests: 1 }]);
    const empty = { id: alice.userId, llmRequests: { totalCount: 0, edges: [] }, conversationSessions: { totalCount: 0 }, debateSessions: { totalCount: 0 }, memories: { totalCount: 0 }, llmUsage: [] };
    expect((await ok(USER_FIELDS, { r }, bob))._entities[0]).toEqual(empty);
    expect((await ok(USER_FIELDS, { r }, ANONYMOUS))._entities[0]).toEqual(empty);
    expect((await ok(USER_FIELDS, { r }, ADMIN))._entities[0].llmRequests.totalCount).toBe(1);
  });

  it('resolve the agent’s own entities only for those who may see them', async () => {
    const owned = data.get(alice)!;
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on LlmRequest { id } ... on DebateSession { id } ... on BackgroundTask { id } } }`;
    const r = [
      { __typename: 'LlmRequest', id: owned.requestId },
      { __typename: 'DebateSession', id: owned.debateId },
      { __typename: 'BackgroundTask', id: owned.taskId },
      { __typename: 'LlmRequest', id: 'not-a-uuid' },
    ];
    expect((await ok(query, { r }, alice))._entities.map((e: any) => e?.id ?? null)).toEqual([owned.requestId, owned.debateId, owned.taskId, null]);
    expect((await ok(query, { r }, bob))._entities).toEqual([null, null, null, null]);
    expect((await ok(query, { r }, ANONYMOUS))._entities).toEqual([null, null, null, null]);
  });
});

describe('vector search and writes', () => {
  it('searches only the caller’s memories', async () => {
    const SEARCH = `query ($e: [Float!]!) { searchMemories(embedding: $e, first: 100) { memory { id } } }`;
    const found = (who: Identity) => ok(SEARCH, { e: vector(1, 1) }, who).then((d) => d.searchMemories.map((m: any) => m.memory.id));
    expect(await found(alice)).toContain(data.get(alice)!.vectorMemoryId);
    expect(await found(alice)).not.toContain(data.get(bob)!.vectorMemoryId);
    expect(await found(ANONYMOUS)).toEqual([]);
  });

  it('refuses writes to another user’s rows as if they did not exist', async () => {
    const owned = data.get(alice)!;
    const end = await subgraph.query<any>('mutation ($id: ID!) { endConversation(id: $id) { id } }', { id: owned.sessionId }, bob);
    expect(end.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const select = await subgraph.query<any>('mutation ($id: ID!) { selectLlmResponse(responseId: $id) { id } }', { id: owned.responseId }, bob);
    expect(select.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cancel = await subgraph.query<any>('mutation ($id: ID!) { cancelDebateSession(id: $id) { id } }', { id: owned.debateId }, bob);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets task workers see every task but no user’s private data', async () => {
    const lists = await ok(LISTS, { taskType }, WORKER);
    expect(ids(lists.backgroundTasks)).toHaveLength(2);
    expect(lists.llmRequests.edges).toEqual([]);
    expect(lists.memories.edges).toEqual([]);
  });
});

describe('the database itself', () => {
  it('has row-level security enabled and forced on every agent table', async () => {
    const { rows } = await db.query(
      `SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'agent' AND c.relkind = 'r' ORDER BY 1`,
    );
    expect(rows.length).toBe(15);
    expect(rows.filter((r) => !r.forced)).toEqual([]);
  });

  it('filters for the subgraph’s role whatever the query, even without the resolvers', async () => {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('role', 'sixfold_agent', true), set_config('app.current_user_id', $1, true)", [bob.userId]);
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM agent.llm_responses WHERE request_id = $1)::int AS responses,
                (SELECT count(*) FROM agent.debate_turns WHERE session_id = $2)::int AS turns,
                (SELECT count(*) FROM agent.code_versions WHERE session_id = $2)::int AS versions,
                (SELECT count(*) FROM agent.streaming_analytics WHERE stream_id = $1::text)::int AS chunks,
                (SELECT count(*) FROM agent.user_daily_usage WHERE user_id = $3)::int AS usage`,
        [data.get(alice)!.requestId, data.get(alice)!.debateId, alice.userId],
      );
      expect(rows[0]).toEqual({ responses: 0, turns: 0, versions: 0, chunks: 0, usage: 0 });
      await expect(client.query('SELECT count(*) FROM agent.mv_user_daily_usage')).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
