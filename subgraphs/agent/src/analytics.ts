/**
 * Usage statistics. The summaries come from the views over the materialized views of
 * migrations/006 (each view says who may read it); stream and queue figures are computed live
 * over tables with row-level security. Typed raw SQL: the columns are cast here to what the
 * graph serves (Decimal as text, large totals as float8: exact below 2^53).
 */
import { sql } from '@sixfold/kit';
import type { AgentTx } from './context.js';
import type { TaskStatus } from './generated/prisma/client.js';

export interface ProviderPerformanceRow {
  providerName: string;
  responses: number;
  selectedResponses: number;
  winRate: string;
  avgResponseMs: number | null;
  p95ResponseMs: number | null;
  avgConfidence: string | null;
  tokensTotal: number;
  lastResponseAt: Date | null;
}

export interface DailyStatsRow {
  day: string;
  requests: number;
  completedRequests: number;
  failedRequests: number;
  activeUsers: number;
  responses: number;
  tokensTotal: number;
  avgResponseMs: number | null;
}

export interface DailyUsageRow {
  userId: string;
  day: string;
  requests: number;
  completedRequests: number;
  failedRequests: number;
  tokensTotal: number;
}

export interface StreamingLatencyRow {
  hour: Date;
  eventType: string;
  events: number;
  streams: number;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  tokens: number;
}

export interface StreamSummaryRow {
  streamId: string;
  chunks: number;
  tokens: number;
  firstChunkLatencyMs: number | null;
  avgLatencyMs: number | null;
  maxLatencyMs: number | null;
  startedAt: Date;
  endedAt: Date;
}

export interface TaskQueueStatRow {
  taskType: string;
  status: TaskStatus;
  count: number;
  oldestScheduledAt: Date;
}

const PROVIDER_PERFORMANCE = sql`
  SELECT provider_name AS "providerName", responses, selected_responses AS "selectedResponses", win_rate::text AS "winRate",
         avg_response_ms::float8 AS "avgResponseMs", p95_response_ms::float8 AS "p95ResponseMs",
         avg_confidence::text AS "avgConfidence", tokens_total::float8 AS "tokensTotal", last_response_at AS "lastResponseAt"
  FROM agent.provider_performance`;

/** Every provider's figures, most winning first. */
export const providerPerformance = (tx: AgentTx) =>
  tx.$queryRaw<ProviderPerformanceRow[]>`${PROVIDER_PERFORMANCE} ORDER BY win_rate DESC, responses DESC, provider_name`;

export const providerPerformanceByName = (tx: AgentTx, names: readonly string[]) =>
  tx.$queryRaw<ProviderPerformanceRow[]>`${PROVIDER_PERFORMANCE} WHERE provider_name = ANY(${[...names]}::text[])`;

export const dailyStats = (tx: AgentTx, last: number) =>
  tx.$queryRaw<DailyStatsRow[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, requests, completed_requests AS "completedRequests", failed_requests AS "failedRequests",
           active_users AS "activeUsers", responses, tokens_total::float8 AS "tokensTotal", avg_response_ms::float8 AS "avgResponseMs"
    FROM agent.daily_stats ORDER BY day DESC LIMIT ${last}`;

/** The `last` days with usage of each user, newest first; one statement for any number of users. */
export const dailyUsageOfUsers = (tx: AgentTx, userIds: readonly string[], last: number) =>
  tx.$queryRaw<DailyUsageRow[]>`
    SELECT "userId", day, requests, "completedRequests", "failedRequests", "tokensTotal" FROM (
      SELECT user_id::text AS "userId", to_char(day, 'YYYY-MM-DD') AS day, requests, completed_requests AS "completedRequests",
             failed_requests AS "failedRequests", tokens_total::float8 AS "tokensTotal",
             row_number() OVER (PARTITION BY user_id ORDER BY day DESC) AS position
      FROM agent.user_daily_usage WHERE user_id = ANY(${[...userIds]}::uuid[])
    ) ranked
    WHERE position <= ${last} ORDER BY "userId", day DESC`;

export const streamingLatency = (tx: AgentTx, last: number) =>
  tx.$queryRaw<StreamingLatencyRow[]>`
    SELECT hour, event_type AS "eventType", events, streams, avg_latency_ms::float8 AS "avgLatencyMs",
           p95_latency_ms::float8 AS "p95LatencyMs", tokens::float8 AS tokens
    FROM agent.streaming_hourly
    WHERE hour IN (SELECT DISTINCT hour FROM agent.streaming_hourly ORDER BY hour DESC LIMIT ${last})
    ORDER BY hour DESC, event_type`;

/** Live figures per stream, over the chunks the caller may see. */
export const streamSummaries = (tx: AgentTx, streamIds: readonly string[]) =>
  tx.$queryRaw<StreamSummaryRow[]>`
    SELECT stream_id AS "streamId", count(*)::int AS chunks, COALESCE(sum(tokens_delta), 0)::int AS tokens,
           (min(latency_ms) FILTER (WHERE chunk_number = 0))::int AS "firstChunkLatencyMs",
           avg(latency_ms)::float8 AS "avgLatencyMs", max(latency_ms)::int AS "maxLatencyMs",
           min("timestamp") AS "startedAt", max("timestamp") AS "endedAt"
    FROM agent.streaming_analytics WHERE stream_id = ANY(${[...streamIds]}::text[])
    GROUP BY stream_id`;

/** Queue depth over the tasks the caller may see. */
export const taskQueueStats = (tx: AgentTx) =>
  tx.$queryRaw<TaskQueueStatRow[]>`
    SELECT task_type AS "taskType", upper(status::text) AS status, count(*)::int AS count, min(scheduled_at) AS "oldestScheduledAt"
    FROM agent.background_tasks GROUP BY task_type, status ORDER BY task_type, status`;

/** Recomputes every summary (agent.refresh_analytics_views, which runs as the views' owner). */
export async function refreshAnalyticsViews(tx: AgentTx): Promise<void> {
  await tx.$executeRaw`SELECT agent.refresh_analytics_views()`;
}
