import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS } from '@sixfold/kit';
import { ADMIN, REGISTRY_ADMIN, agentUnderTest, user } from './support.js';

const { subgraph, db } = agentUnderTest();

describe('usage summaries', () => {
  it('serve platform-wide figures to admins only', async () => {
    const QUERY = '{ dailyStats(last: 7) { day requests completedRequests activeUsers tokensTotal avgResponseMs } streamingLatency(last: 3) { hour eventType events p95LatencyMs } }';
    const admin = await subgraph.query<any>(QUERY, {}, ADMIN);
    expect(admin.errors).toBeUndefined();
    expect(admin.data.dailyStats.length).toBeGreaterThan(0);
    expect(admin.data.dailyStats[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const days = admin.data.dailyStats.map((d: any) => d.day);
    expect(days).toEqual([...days].sort().reverse());
    expect(admin.data.streamingLatency.length).toBeGreaterThan(0);
    const someone = await subgraph.query<any>(QUERY, {}, user());
    expect(someone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await subgraph.query<any>('{ dailyStats(last: 5000) { day } }', {}, ADMIN);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  it('rank providers for signed-in callers', async () => {
    const QUERY = '{ providerPerformance { providerName responses selectedResponses winRate tokensTotal provider { name } } }';
    const { data } = await subgraph.query<any>(QUERY, {}, user());
    expect(data.providerPerformance.length).toBeGreaterThan(3);
    const rates = data.providerPerformance.map((p: any) => Number(p.winRate));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    for (const p of data.providerPerformance) {
      expect(Number(p.winRate)).toBeCloseTo(p.selectedResponses / p.responses, 4);
      expect(p.provider.name).toBe(p.providerName);
    }
    expect((await subgraph.query<any>(QUERY, {}, ANONYMOUS)).data.providerPerformance).toEqual([]);
  });

  it('refresh on demand (agent admins) and from the command line', async () => {
    const alice = user();
    await subgraph.query('mutation { submitLlmRequest(input: { prompt: "count me" }) { id } }', {}, alice);
    const USAGE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { llmUsage { day requests } } } }`;
    const usage = async () => (await subgraph.query<any>(USAGE, { r: [{ __typename: 'User', id: alice.userId }] }, alice)).data._entities[0].llmUsage;

    expect((await subgraph.query<any>('mutation { refreshAnalytics }', {}, user())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query<any>('mutation { refreshAnalytics }', {}, REGISTRY_ADMIN)).data.refreshAnalytics).toBe(true);
    expect(await usage()).toEqual([{ day: new Date().toISOString().slice(0, 10), requests: 1 }]);

    await subgraph.query('mutation { submitLlmRequest(input: { prompt: "and me" }) { id } }', {}, alice);
    const tsx = new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, new URL('../src/cli/refresh-views.ts', import.meta.url).pathname], { env: process.env });
    expect(stdout).toMatch(/refreshed/);
    expect((await usage())[0].requests).toBe(2);
  });

  it('summarise a stream from its chunks', async () => {
    const { rows } = await db.query('SELECT stream_id, user_id::text AS user_id, count(*)::int AS chunks FROM agent.streaming_analytics GROUP BY 1, 2 LIMIT 1');
    const [stream] = rows;
    const QUERY = `query ($stream: String!, $request: ID!) {
      streamSummary(streamId: $stream) { chunks tokens firstChunkLatencyMs avgLatencyMs startedAt endedAt }
      llmRequest(id: $request) { stream { chunks } } }`;
    const { data } = await subgraph.query<any>(QUERY, { stream: stream.stream_id, request: stream.stream_id }, user(stream.user_id));
    expect(data.streamSummary.chunks).toBe(stream.chunks);
    expect(data.streamSummary.firstChunkLatencyMs).toBeGreaterThan(0);
    expect(data.llmRequest.stream.chunks).toBe(stream.chunks);
  });
});
