/**
 * Every relation goes through a DataLoader: a page of 30 costs the same number of SQL statements
 * as a page of 2, however deep the selection. The pages are one user's own data, made alike (every
 * request has a conversation, a memory and a response; every debate a turn and a code version), so
 * that both pages exercise every loader whatever other tests write meanwhile.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Identity } from '@sixfold/kit';
import { ADMIN, DEBATE_INPUT, WORKER, agentUnderTest, turn, uniqueTaskType, user, vector } from './support.js';

const { subgraph } = agentUnderTest();
const owner = user();
const deadType = uniqueTaskType('statements');

async function ok(query: string, variables: Record<string, unknown>, identity: Identity = owner): Promise<any> {
  const res = await subgraph.query<any>(query, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data;
}

beforeAll(async () => {
  const { llmProviders } = await ok('{ llmProviders(enabledOnly: true) { id } }', {}, ADMIN);
  for (let c = 0; c < 4; c++) {
    const { storeMemory: injected } = await ok('mutation { storeMemory(input: { content: "injected" }) { id } }', {});
    const { startConversation } = await ok('mutation ($m: ID!) { startConversation(input: { memoryId: $m }) { id } }', { m: injected.id });
    await ok('mutation ($s: ID!) { storeMemory(input: { content: "in conversation", sessionId: $s }) { id } }', { s: startConversation.id });
    for (let r = 0; r < 2; r++) {
      const { submitLlmRequest } = await ok('mutation ($s: ID!) { submitLlmRequest(input: { sessionId: $s, prompt: "p" }) { id } }', { s: startConversation.id });
      await ok('mutation ($r: ID!, $p: ID!) { recordLlmResponse(input: { requestId: $r, providerId: $p, content: "c", selected: true }) { id } }', { r: submitLlmRequest.id, p: llmProviders[c % llmProviders.length].id }, ADMIN);
    }
  }
  for (let d = 0; d < 3; d++) {
    const { createDebateSession } = await ok('mutation ($input: CreateDebateSessionInput!) { createDebateSession(input: $input) { id } }', { input: DEBATE_INPUT });
    const first = DEBATE_INPUT.participants[0]!;
    await ok('mutation ($input: AddDebateTurnInput!) { addDebateTurn(input: $input) { id } }', { input: turn(createDebateSession.id, 1, 1, first.id, first.position) });
    await ok('mutation ($s: ID!) { recordCodeVersion(input: { sessionId: $s, versionHash: "abc1234", branch: "b" }) { id } }', { s: createDebateSession.id });
    await ok('mutation ($e: [Float!]) { storeVectorMemory(input: { content: "v", embedding: $e }) { id } }', { e: vector(1, d) });
  }
  for (let i = 0; i < 4; i++) await ok('mutation ($t: String!) { enqueueBackgroundTask(input: { taskType: $t, maxRetries: 0 }) { id } }', { t: deadType }, WORKER);
  const { claimBackgroundTasks } = await ok('mutation ($t: String!) { claimBackgroundTasks(input: { workerId: "w", taskTypes: [$t], limit: 4 }) { id } }', { t: deadType }, WORKER);
  for (const { id } of claimBackgroundTasks) await ok('mutation ($id: ID!) { failBackgroundTask(input: { id: $id, workerId: "w", error: "x" }) { id } }', { id }, WORKER);
});

const QUERIES: Record<string, string> = {
  requests: `query ($first: Int) { llmRequests(first: $first) { edges { node { id user { id }
    session { id memory { id session { id } } requests(first: 2) { totalCount } memories(first: 2) { totalCount } }
    responses { id request { id } provider { id name performance { responses provider { id } } } }
    selectedResponse { id } stream { chunks } } } } }`,
  conversations: `query ($first: Int) { conversationSessions(first: $first) { edges { node { id memory { id }
    requests(first: 3) { edges { node { id responses { id } } } } memories(first: 3) { edges { node { id session { id } } } } } } } }`,
  debates: `query ($first: Int) { debateSessions(first: $first) { edges { node { id createdBy { id }
    turns { id session { id } } codeVersions { id session { id } } } } } }`,
  tasks: `query ($first: Int, $deadType: String!) { backgroundTasks(first: $first, filter: { taskTypes: [$deadType] }) { edges { node { id createdBy { id }
    attempts { attempt } deadLetter { id originalTask { id deadLetter { id } } } } } } }`,
  memories: `query ($first: Int) { memories(first: $first) { edges { node { id user { id } session { id requests(first: 1) { totalCount } } } } }
    vectorMemories(first: $first) { edges { node { id user { id } } } } }`,
  users: `query ($first: Int) { llmRequests(first: $first) { edges { node { user { id
    llmRequests(first: 2) { totalCount } conversationSessions(first: 2) { totalCount } debateSessions(first: 2) { totalCount }
    memories(first: 2) { totalCount } llmUsage(last: 3) { requests } } } } } }`,
};

async function statementsFor(query: string, first: number, identity: Identity) {
  subgraph.statements.reset();
  const res = await subgraph.query<any>(query, { first, deadType }, identity);
  expect(res.errors).toBeUndefined();
  return { count: subgraph.statements.count(), size: JSON.stringify(res.data).length };
}

describe('statement counts', () => {
  it.each(Object.keys(QUERIES))('stay flat for %s however long the list', async (name) => {
    const identity = name === 'tasks' ? WORKER : owner;
    const few = await statementsFor(QUERIES[name]!, 2, identity);
    const many = await statementsFor(QUERIES[name]!, 30, identity);
    expect(many.size).toBeGreaterThan(few.size);
    expect(many.count).toBe(few.count);
  });
});
