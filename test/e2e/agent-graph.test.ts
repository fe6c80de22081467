/**
 * The agent through the gateway. Until the gateway authenticates callers (tenancy's work), every
 * request arrives anonymous, and the agent's private data is, correctly, invisible: the first
 * block asserts exactly that. The authorized block runs once the seed prints a demo admin key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, contractOperation, seedSecrets, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

const OVERVIEW = `{
  llmRequests(first: 5) { totalCount edges { node { id status createdAt user { id } responses { providerName } selectedResponse { id } } } }
  conversationSessions { totalCount }
  debateSessions { totalCount edges { node { topic turns { roundNumber turnNumber } } } }
  memories { totalCount }
  llmProviders { name healthStatus catalogProvider { id slug name } }
  mcpServers { name }
  lspServers { name }
  providerPerformance { providerName winRate }
  taskQueueStats { taskType status count }
}`;

describe('the agent for anonymous callers', () => {
  it('shows none of the private data, without errors', async () => {
    const res = await graph.query<any>(OVERVIEW);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      llmRequests: { totalCount: 0, edges: [] },
      conversationSessions: { totalCount: 0 },
      debateSessions: { totalCount: 0, edges: [] },
      memories: { totalCount: 0 },
      llmProviders: [],
      mcpServers: [],
      lspServers: [],
      providerPerformance: [],
      taskQueueStats: [],
    });
  });

  it('refuses their writes and admin-only reads with stable codes', async () => {
    const write = await graph.query<any>('mutation { submitLlmRequest(input: { prompt: "hi" }) { id } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const stats = await graph.query<any>('{ dailyStats { day } }');
    expect(stats.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await graph.query<any>('{ llmRequests(first: 500) { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('the agent for the demo admin', () => {
  const token = seedSecrets().demoAdminKey;

  it('sees the seeded requests, debates and registries, linked to the catalog', async () => {
    const res = await graph.query<any>(OVERVIEW, {}, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.llmRequests.totalCount).toBeGreaterThan(0);
    expect(res.data.llmRequests.edges[0].node.user.id).toBeTruthy();
    expect(res.data.debateSessions.totalCount).toBeGreaterThan(0);
    expect(res.data.llmProviders.find((p: any) => p.name === 'openai').catalogProvider).toMatchObject({ slug: 'openai' });
    expect(res.data.mcpServers.length).toBeGreaterThan(0);
    expect(res.data.providerPerformance.length).toBeGreaterThan(0);
  });

  it('answers the UserOverview contract with the user’s LLM requests', async () => {
    // A seeded user (not whoever made the newest request: parallel tests make requests as made-up users).
    const me = await graph.query<any>('{ me { id } }', {}, { token: seedSecrets().aliceKey });
    const userId = me.data.me.id;
    const res = await graph.query<any>(contractOperation('UserOverview'), { id: userId }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.user.llmRequests.totalCount).toBeGreaterThan(0);
    expect(res.data.user.llmRequests.edges[0].node).toEqual({ id: expect.any(String), status: expect.any(String), createdAt: expect.any(String) });
  });
});
