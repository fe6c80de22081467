import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ADMIN, agentUnderTest, user } from './support.js';

const { subgraph, db } = agentUnderTest();

const SUBMIT = `mutation ($input: SubmitLlmRequestInput!) { submitLlmRequest(input: $input) { id status prompt session { id requestCount } } }`;
const RECORD = `mutation ($input: RecordLlmResponseInput!) { recordLlmResponse(input: $input) { id providerName selected tokensTotal } }`;
const USER_REQUESTS = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on User { id llmRequests(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status createdAt responses { id providerName } selectedResponse { id } } } } } } }`;

async function providerIds() {
  const { data } = await subgraph.query<any>('{ llmProviders(enabledOnly: true) { id name } }', {}, ADMIN);
  return data.llmProviders as Array<{ id: string; name: string }>;
}

describe('submitting a request and recording the ensemble', () => {
  it('follows a request from submission through provider responses to its selected winner', async () => {
    const alice = user();
    const conversation = await subgraph.query<any>('mutation { startConversation(input: { context: { topic: "sql" } }) { id status requestCount } }', {}, alice);
    expect(conversation.data.startConversation).toMatchObject({ status: 'ACTIVE', requestCount: 0 });
    const sessionId = conversation.data.startConversation.id;

    const submitted = await subgraph.query<any>(SUBMIT, { input: { sessionId, prompt: 'Explain MVCC', modelParams: { temperature: 0.2 } } }, alice);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitLlmRequest).toMatchObject({ status: 'PENDING', session: { id: sessionId, requestCount: 1 } });
    const requestId = submitted.data.submitLlmRequest.id;

    const [openai, anthropic] = await providerIds();
    const first = await subgraph.query<any>(RECORD, { input: { requestId, providerId: openai!.id, content: 'A', tokensPrompt: 10, tokensCompletion: 5, confidence: '0.7' } }, ADMIN);
    expect(first.data.recordLlmResponse).toMatchObject({ providerName: openai!.name, selected: false, tokensTotal: 15 });
    const second = await subgraph.query<any>(RECORD, { input: { requestId, providerId: anthropic!.id, content: 'B', selected: true } }, ADMIN);
    expect(second.data.recordLlmResponse.selected).toBe(true);

    // The owner prefers the first answer: the winner moves, and there is only ever one.
    const reselected = await subgraph.query<any>(
      `mutation ($id: ID!) { selectLlmResponse(responseId: $id) { status responses { id selected } selectedResponse { id } } }`,
      { id: first.data.recordLlmResponse.id },
      alice,
    );
    expect(reselected.data.selectLlmResponse.status).toBe('RUNNING');
    expect(reselected.data.selectLlmResponse.selectedResponse.id).toBe(first.data.recordLlmResponse.id);
    expect(reselected.data.selectLlmResponse.responses.filter((r: any) => r.selected)).toHaveLength(1);

    const finished = await subgraph.query<any>(`mutation ($id: ID!) { finishLlmRequest(id: $id, outcome: COMPLETED) { status completedAt startedAt } }`, { id: requestId }, ADMIN);
    expect(finished.data.finishLlmRequest).toMatchObject({ status: 'COMPLETED' });
    const late = await subgraph.query<any>(RECORD, { input: { requestId, providerId: openai!.id, content: 'too late' } }, ADMIN);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.requestId' });

    const { rows } = await db.query("SELECT event_type FROM agent.clickhouse_analytics WHERE event_data->>'requestId' = $1 ORDER BY timestamp", [requestId]);
    expect(rows.map((r) => r.event_type)).toEqual(['llm.request.submitted', 'llm.request.completed']);
  });

  it('lets only the system record provider responses and finish requests', async () => {
    const alice = user();
    const { data } = await subgraph.query<any>(SUBMIT, { input: { prompt: 'hello' } }, alice);
    const [provider] = await providerIds();
    const forged = await subgraph.query<any>(RECORD, { input: { requestId: data.submitLlmRequest.id, providerId: provider!.id, content: 'forged' } }, alice);
    expect(forged.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const finished = await subgraph.query<any>(`mutation ($id: ID!) { finishLlmRequest(id: $id, outcome: FAILED) { status } }`, { id: data.submitLlmRequest.id }, alice);
    expect(finished.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('will not complete a request without a selected response', async () => {
    const { data } = await subgraph.query<any>(SUBMIT, { input: { prompt: 'hello' } }, user());
    const res = await subgraph.query<any>(`mutation ($id: ID!) { finishLlmRequest(id: $id, outcome: COMPLETED) { status } }`, { id: data.submitLlmRequest.id }, ADMIN);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'outcome' });
  });
});

describe('validation', () => {
  it('names the bad field and writes nothing', async () => {
    const alice = user();
    const empty = await subgraph.query<any>(SUBMIT, { input: { prompt: '   ' } }, alice);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.prompt' });
    const params = await subgraph.query<any>(SUBMIT, { input: { prompt: 'x', modelParams: { temperature: 7 } } }, alice);
    expect(params.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.modelParams.temperature' });
    const { rows } = await db.query('SELECT count(*)::int AS n FROM agent.llm_requests WHERE user_id = $1', [alice.userId]);
    expect(rows[0].n).toBe(0);
  });

  it('answers an id argument that is not a uuid with BAD_USER_INPUT naming it', async () => {
    const cases: Array<[string, string]> = [
      ['{ llmRequest(id: "42") { id } }', 'id'],
      ['{ llmRequests(userId: "42") { totalCount } }', 'userId'],
      ['{ memories(filter: { sessionId: "42" }) { totalCount } }', 'filter.sessionId'],
      ['mutation { endConversation(id: "42") { id } }', 'id'],
      ['mutation { selectLlmResponse(responseId: "42") { id } }', 'responseId'],
      ['mutation { cancelBackgroundTask(id: "42") { id } }', 'id'],
      ['mutation { cancelDebateSession(id: "42") { id } }', 'id'],
    ];
    for (const [document, field] of cases) {
      expect((await subgraph.query<any>(document, {}, user())).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('refuses another user’s conversation, an ended one, anonymous callers and keys without the write scope', async () => {
    const alice = user();
    const bob = user();
    const { data } = await subgraph.query<any>('mutation { startConversation(input: {}) { id } }', {}, alice);
    const sessionId = data.startConversation.id;
    const foreign = await subgraph.query<any>(SUBMIT, { input: { sessionId, prompt: 'x' } }, bob);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
    await subgraph.query('mutation ($id: ID!) { endConversation(id: $id) { status } }', { id: sessionId }, alice);
    const ended = await subgraph.query<any>(SUBMIT, { input: { sessionId, prompt: 'x' } }, alice);
    expect(ended.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.sessionId' });
    const anonymous = await subgraph.query<any>(SUBMIT, { input: { prompt: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const readOnlyKey = await subgraph.query<any>(SUBMIT, { input: { prompt: 'x' } }, { ...alice, scopes: ['read'] });
    expect(readOnlyKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const writeKey = await subgraph.query<any>(SUBMIT, { input: { prompt: 'x' } }, { ...alice, scopes: ['agent:write'] });
    expect(writeKey.errors).toBeUndefined();
  });

  it('rolls the whole mutation back when any part of it fails', async () => {
    const alice = user();
    const res = await subgraph.query<any>(
      `mutation { ok: submitLlmRequest(input: { prompt: "first" }) { id } bad: submitLlmRequest(input: { prompt: "" }) { id } }`,
      {},
      alice,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { rows } = await db.query('SELECT count(*)::int AS n FROM agent.llm_requests WHERE user_id = $1', [alice.userId]);
    expect(rows[0].n).toBe(0);
  });
});

describe('User.llmRequests', () => {
  it('pages through a user’s requests, newest first', async () => {
    const alice = user();
    for (const prompt of ['one', 'two', 'three', 'four', 'five']) await subgraph.query(SUBMIT, { input: { prompt } }, alice);
    const r = [{ __typename: 'User', id: alice.userId }];
    const page = async (after?: string) => (await subgraph.query<any>(USER_REQUESTS, { r, first: 2, after }, alice)).data._entities[0].llmRequests;
    const page1 = await page();
    expect(page1.totalCount).toBe(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await page(page1.pageInfo.endCursor);
    const page3 = await page(page2.pageInfo.endCursor);
    expect(page3.edges).toHaveLength(1);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const all = await subgraph.query<any>(USER_REQUESTS, { r, first: 5 }, alice);
    const prompts = await db.query('SELECT id FROM agent.llm_requests WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [alice.userId]);
    expect(all.data._entities[0].llmRequests.edges.map((e: any) => e.node.id)).toEqual(prompts.rows.map((p) => p.id));
  });

  it('filters by status', async () => {
    const alice = user();
    await subgraph.query(SUBMIT, { input: { prompt: 'a' } }, alice);
    const res = await subgraph.query<any>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { done: llmRequests(filter: { statuses: [COMPLETED] }) { totalCount } open: llmRequests(filter: { statuses: [PENDING, RUNNING] }) { totalCount } } } }`,
      { r: [{ __typename: 'User', id: alice.userId }] },
      alice,
    );
    expect(res.data._entities[0]).toEqual({ done: { totalCount: 0 }, open: { totalCount: 1 } });
  });

  it('costs the same number of statements for 5 users as for 50', async () => {
    const { rows } = await db.query('SELECT DISTINCT user_id::text AS id FROM agent.llm_requests ORDER BY 1');
    const ids = rows.map((r) => r.id as string);
    while (ids.length < 50) ids.push(randomUUID());
    const representations = (n: number) => ids.slice(0, n).map((id) => ({ __typename: 'User', id }));

    subgraph.statements.reset();
    const few = await subgraph.query<any>(USER_REQUESTS, { r: representations(5), first: 5 }, ADMIN);
    const fewStatements = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await subgraph.query<any>(USER_REQUESTS, { r: representations(50), first: 5 }, ADMIN);
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data._entities.filter((u: any) => u.llmRequests.totalCount > 0).length).toBeGreaterThan(5);
    expect(subgraph.statements.count()).toBe(fewStatements);
  });
});
