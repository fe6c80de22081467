import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { observability } from '../src/subgraph.js';
import { ADMIN, ANALYTICS_WRITER, PROBE_AGENT, USER, asSubgraphRole } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(observability);
});
afterAll(() => subgraph.stop());

const RECORD = 'mutation ($e: [AnalyticsEventInput!]!) { recordAnalyticsEvents(events: $e) { recorded } }';
const DAY = 24 * 60 * 60 * 1000;

describe('recordAnalyticsEvents', () => {
  const event = { type: 'page_view', sessionId: 's-1', properties: { path: '/models' }, deviceProperties: { type: 'desktop' } };

  it('needs the admin role or the analytics:write scope', async () => {
    expect((await subgraph.query<any>(RECORD, { e: [event] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(RECORD, { e: [event] }, USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query<any>(RECORD, { e: [event] }, PROBE_AGENT)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query<any>(RECORD, { e: [event, event] }, ANALYTICS_WRITER)).data.recordAnalyticsEvents.recorded).toBe(2);
  });

  it.each([
    ['events[1].type', { type: 'Page View' }],
    ['events[1].properties.model_id', { type: 'model_view', properties: {} }],
    ['events[1].timestamp', { timestamp: new Date(Date.now() + DAY).toISOString() }],
    ['events[1].sessionId', { sessionId: 'x'.repeat(101) }],
  ])('rejects the whole batch naming %s', async (field, overrides) => {
    const res = await subgraph.query<any>(RECORD, { e: [event, { ...event, ...overrides }] }, ANALYTICS_WRITER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('analytics privacy', () => {
  const visibleEvents = async (admin: boolean) =>
    (await asSubgraphRole('SELECT count(*)::int AS count FROM observability.analytics_events', [], { admin }))[0].count as number;

  it('keeps raw events from everyone but admins, in the database itself', async () => {
    expect(await visibleEvents(true)).toBeGreaterThan(1_000);
    expect(await visibleEvents(false)).toBe(0);
  });

  it('keeps the daily stats view (no row-level security possible) from the subgraph role, and its function from non-admins', async () => {
    await expect(asSubgraphRole('SELECT count(*) FROM observability.daily_stats', [], { admin: true })).rejects.toThrow(/permission denied/);
    const window = [new Date(Date.now() - 15 * DAY), new Date()];
    await expect(asSubgraphRole('SELECT * FROM observability.daily_stats_between($1, $2, NULL)', window)).rejects.toThrow(/admins only/);
    expect((await asSubgraphRole('SELECT * FROM observability.daily_stats_between($1, $2, NULL)', window, { admin: true })).length).toBeGreaterThan(0);
  });

  it('serves daily stats to admins only', async () => {
    const query = 'query ($from: DateTime!, $to: DateTime!) { analyticsDailyStats(from: $from, to: $to, eventType: "model_view") { day eventType eventCount uniqueSessions modelViews } }';
    const window = { from: new Date(Date.now() - 15 * DAY).toISOString(), to: new Date().toISOString() };
    expect((await subgraph.query<any>(query, window)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(query, window, USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stats = (await subgraph.query<any>(query, window, ADMIN)).data.analyticsDailyStats;
    expect(stats.length).toBeGreaterThan(7);
    for (const day of stats) {
      expect(day.eventType).toBe('model_view');
      expect(Object.values(day.modelViews as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(day.eventCount);
      expect(day.uniqueSessions).toBeLessThanOrEqual(day.eventCount);
    }
  });
});

describe('databaseHealth', () => {
  const HEALTH = `{ databaseHealth {
    connections { database connections active idle idleInTransaction longestQuerySeconds }
    tables(first: 50) { schema table totalBytes totalSize deadTuplePercent }
    slowQueries(first: 5) { id timestamp durationMs query applicationName }
  } }`;

  it('is for admins only', async () => {
    expect((await subgraph.query<any>(HEALTH)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(HEALTH, {}, USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows connections, the largest tables and the slowest recent queries', async () => {
    const res = await subgraph.query<any>(HEALTH, {}, ADMIN);
    expect(res.errors).toBeUndefined();
    const { connections, tables, slowQueries } = res.data.databaseHealth;
    const ours = connections.find((c: any) => c.database === new URL(process.env.DATABASE_URL!).pathname.slice(1));
    expect(ours.connections).toBeGreaterThanOrEqual(1);
    expect(ours.active).toBeGreaterThanOrEqual(1); // this very query
    expect(tables.map((t: any) => t.totalBytes)).toEqual([...tables.map((t: any) => t.totalBytes)].sort((a: number, b: number) => b - a));
    expect(tables.some((t: any) => t.schema === 'observability' && t.table === 'status_hourly')).toBe(true);
    expect(slowQueries.length).toBeGreaterThan(0);
    expect(slowQueries.map((q: any) => q.durationMs)).toEqual([...slowQueries.map((q: any) => q.durationMs)].sort((a: number, b: number) => b - a));
  });
});
