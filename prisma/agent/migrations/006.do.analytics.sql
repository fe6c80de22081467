-- Agent: analytics (seed 003 "Analytics" 15–16) and the summary statistics it keeps in
-- materialized views ("Maintain summary statistics in materialized views"; mv_daily_stats).

-- Events queued for export to ClickHouse (the seed's name kept: that is what the table is for).
CREATE TABLE agent.clickhouse_analytics (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_type  varchar(100) NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_.]*$'),
  event_data  jsonb NOT NULL,
  user_id     uuid,                                   -- tenancy user id; NULL for system events
  session_id  uuid,                                   -- conversation session; a fact, kept when the session goes
  "timestamp" timestamptz NOT NULL DEFAULT now(),
  exported    boolean NOT NULL DEFAULT false,
  exported_at timestamptz,
  CONSTRAINT clickhouse_analytics_exported_at CHECK (exported = (exported_at IS NOT NULL))
);
CREATE INDEX idx_clickhouse_analytics_user ON agent.clickhouse_analytics (user_id, "timestamp" DESC, id);
CREATE INDEX idx_clickhouse_analytics_type ON agent.clickhouse_analytics (event_type, "timestamp" DESC);
-- The exporter's queue: what has not left yet, oldest first.
CREATE INDEX idx_clickhouse_analytics_pending_export ON agent.clickhouse_analytics ("timestamp") WHERE NOT exported;

-- Per-chunk metrics of streamed completions. A stream's id is the LLM request it streams.
CREATE TABLE agent.streaming_analytics (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stream_id    varchar(255) NOT NULL,
  event_type   varchar(100) NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_.]*$'),
  chunk_number integer NOT NULL CHECK (chunk_number >= 0),
  latency_ms   bigint NOT NULL CHECK (latency_ms >= 0),
  tokens_delta integer NOT NULL DEFAULT 0 CHECK (tokens_delta >= 0),
  user_id      uuid,                                  -- tenancy user id
  "timestamp"  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_streaming_analytics_stream ON agent.streaming_analytics (stream_id, chunk_number);
CREATE INDEX idx_streaming_analytics_user ON agent.streaming_analytics (user_id, "timestamp" DESC);
CREATE INDEX idx_streaming_analytics_time ON agent.streaming_analytics ("timestamp");

-- A user's events are theirs; system events (no user) and everything else are for admins.
ALTER TABLE agent.clickhouse_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.clickhouse_analytics FORCE ROW LEVEL SECURITY;
CREATE POLICY clickhouse_analytics_owner ON agent.clickhouse_analytics
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

ALTER TABLE agent.streaming_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.streaming_analytics FORCE ROW LEVEL SECURITY;
CREATE POLICY streaming_analytics_owner ON agent.streaming_analytics
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

-- ---------------------------------------------------------------------------------------------
-- Summary statistics. Materialized views cannot have row-level security, so the subgraph's role
-- cannot read them at all: it reads the views below them, each saying who may see what.
-- Refreshed by agent.refresh_analytics_views() (`pnpm --filter @sixfold/agent refresh-views`,
-- or the refreshAnalytics mutation); each has the unique index REFRESH … CONCURRENTLY needs.
-- ---------------------------------------------------------------------------------------------

-- Platform-wide activity per day (UTC).
CREATE MATERIALIZED VIEW agent.mv_daily_stats AS
WITH per_request AS (
  SELECT request_id, count(*) AS responses, sum(tokens_total) AS tokens, sum(response_time) AS response_ms
  FROM agent.llm_responses GROUP BY request_id
)
SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day,
       count(*)::integer AS requests,
       (count(*) FILTER (WHERE r.status = 'completed'))::integer AS completed_requests,
       (count(*) FILTER (WHERE r.status = 'failed'))::integer AS failed_requests,
       count(DISTINCT r.user_id)::integer AS active_users,
       COALESCE(sum(p.responses), 0)::integer AS responses,
       COALESCE(sum(p.tokens), 0)::bigint AS tokens_total,
       round(sum(p.response_ms) / NULLIF(sum(p.responses), 0), 1) AS avg_response_ms
FROM agent.llm_requests r
LEFT JOIN per_request p ON p.request_id = r.id
GROUP BY 1;
CREATE UNIQUE INDEX mv_daily_stats_day ON agent.mv_daily_stats (day);

-- How each provider fares in the ensemble: volume, speed, confidence, how often it wins.
CREATE MATERIALIZED VIEW agent.mv_provider_performance AS
SELECT provider_name,
       count(*)::integer AS responses,
       (count(*) FILTER (WHERE selected))::integer AS selected_responses,
       round((count(*) FILTER (WHERE selected))::numeric / count(*), 4) AS win_rate,
       round(avg(response_time), 1) AS avg_response_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY response_time)::numeric, 1) AS p95_response_ms,
       round(avg(confidence), 4) AS avg_confidence,
       sum(tokens_total)::bigint AS tokens_total,
       max(created_at) AS last_response_at
FROM agent.llm_responses
GROUP BY provider_name;
CREATE UNIQUE INDEX mv_provider_performance_name ON agent.mv_provider_performance (provider_name);

-- Each user's own usage per day.
CREATE MATERIALIZED VIEW agent.mv_user_daily_usage AS
WITH per_request AS (
  SELECT request_id, sum(tokens_total) AS tokens FROM agent.llm_responses GROUP BY request_id
)
SELECT r.user_id,
       (r.created_at AT TIME ZONE 'UTC')::date AS day,
       count(*)::integer AS requests,
       (count(*) FILTER (WHERE r.status = 'completed'))::integer AS completed_requests,
       (count(*) FILTER (WHERE r.status = 'failed'))::integer AS failed_requests,
       COALESCE(sum(p.tokens), 0)::bigint AS tokens_total
FROM agent.llm_requests r
LEFT JOIN per_request p ON p.request_id = r.id
GROUP BY 1, 2;
CREATE UNIQUE INDEX mv_user_daily_usage_key ON agent.mv_user_daily_usage (user_id, day);

-- Streaming latency per hour and event type, platform-wide.
CREATE MATERIALIZED VIEW agent.mv_streaming_hourly AS
SELECT date_trunc('hour', "timestamp") AS hour,
       event_type,
       count(*)::integer AS events,
       count(DISTINCT stream_id)::integer AS streams,
       round(avg(latency_ms), 1) AS avg_latency_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::numeric, 1) AS p95_latency_ms,
       sum(tokens_delta)::bigint AS tokens
FROM agent.streaming_analytics
GROUP BY 1, 2;
CREATE UNIQUE INDEX mv_streaming_hourly_key ON agent.mv_streaming_hourly (hour, event_type);

REVOKE ALL ON agent.mv_daily_stats, agent.mv_provider_performance, agent.mv_user_daily_usage, agent.mv_streaming_hourly FROM sixfold_agent;

-- The readable faces of the statistics. Security barriers, so no caller-supplied function can
-- peek at rows the WHERE clause filters out.
CREATE VIEW agent.daily_stats WITH (security_barrier) AS
  SELECT * FROM agent.mv_daily_stats WHERE platform.is_admin();
CREATE VIEW agent.provider_performance WITH (security_barrier) AS
  SELECT * FROM agent.mv_provider_performance WHERE agent.is_signed_in();
CREATE VIEW agent.user_daily_usage WITH (security_barrier) AS
  SELECT * FROM agent.mv_user_daily_usage WHERE user_id = platform.current_user_id() OR platform.is_admin();
CREATE VIEW agent.streaming_hourly WITH (security_barrier) AS
  SELECT * FROM agent.mv_streaming_hourly WHERE platform.is_admin();

-- Refreshes every summary without blocking readers. Runs as the views' owner; the SET clause
-- (restored on return) makes the owner see every row should row-level security apply to it.
CREATE FUNCTION agent.refresh_analytics_views() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET app.is_admin = 'on'
AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY agent.mv_daily_stats;
  REFRESH MATERIALIZED VIEW CONCURRENTLY agent.mv_provider_performance;
  REFRESH MATERIALIZED VIEW CONCURRENTLY agent.mv_user_daily_usage;
  REFRESH MATERIALIZED VIEW CONCURRENTLY agent.mv_streaming_hourly;
END $$;
REVOKE EXECUTE ON FUNCTION agent.refresh_analytics_views() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agent.refresh_analytics_views() TO sixfold_agent;
