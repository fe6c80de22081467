-- Product analytics (seed 000 `analytics_events`, `daily_stats`): page views, model views and
-- benchmark comparisons from the web dashboards. Partitioned by UTC month (TimescaleDB would use
-- daily chunks; months keep the partition count low for a table with no retention rule).
CREATE TABLE observability.analytics_events (
  id                  uuid         NOT NULL DEFAULT gen_random_uuid(),
  "timestamp"         timestamptz  NOT NULL DEFAULT now(),
  session_id          varchar(100),
  event_type          varchar(50)  NOT NULL,         -- 'page_view', 'model_view', 'benchmark_compare'
  event_properties    jsonb        NOT NULL DEFAULT '{}'::jsonb,
  user_properties     jsonb        NOT NULL DEFAULT '{}'::jsonb,
  device_properties   jsonb        NOT NULL DEFAULT '{}'::jsonb,
  geo_properties      jsonb        NOT NULL DEFAULT '{}'::jsonb,
  referrer_properties jsonb        NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (id, "timestamp")
) PARTITION BY RANGE ("timestamp");
CREATE TABLE observability.analytics_events_default PARTITION OF observability.analytics_events DEFAULT;
REVOKE ALL ON observability.analytics_events_default FROM PUBLIC, sixfold_observability;
CREATE INDEX idx_analytics_events_type_time ON observability.analytics_events (event_type, "timestamp" DESC);

-- Sessions and user properties are private: only admins read events. Writers are authorized by
-- the subgraph (admin or the analytics:write scope), so any insert that reaches the table passes.
ALTER TABLE observability.analytics_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE observability.analytics_events FORCE ROW LEVEL SECURITY;
CREATE POLICY analytics_events_read ON observability.analytics_events FOR SELECT USING (platform.is_admin());
CREATE POLICY analytics_events_write ON observability.analytics_events FOR INSERT WITH CHECK (true);

-- Per UTC day and event type. The seed's version nests COUNT(*) inside jsonb_object_agg, which
-- PostgreSQL rejects; model views are counted first, then folded into one object per day.
-- Refreshed by the `maintain` command (run_maintenance) and by the demo seed. A materialized
-- view cannot have row-level security, so the subgraph's role cannot read it: admins read it
-- through daily_stats_between below.
CREATE MATERIALIZED VIEW observability.daily_stats AS
WITH events AS (
  SELECT date_bin('1 day', e."timestamp", TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day,
         e.event_type,
         e.session_id,
         CASE WHEN e.event_type = 'model_view' THEN COALESCE(e.event_properties ->> 'model_id', 'unknown') END AS viewed_model
  FROM observability.analytics_events e
),
model_views AS (
  SELECT day, event_type, jsonb_object_agg(viewed_model, views) AS model_views
  FROM (SELECT day, event_type, viewed_model, count(*) AS views FROM events WHERE viewed_model IS NOT NULL GROUP BY 1, 2, 3) v
  GROUP BY 1, 2
)
SELECT e.day, e.event_type, count(*) AS event_count, count(DISTINCT e.session_id) AS unique_sessions, mv.model_views
FROM events e
LEFT JOIN model_views mv USING (day, event_type)
GROUP BY e.day, e.event_type, mv.model_views;

-- Unique, so the view can be refreshed CONCURRENTLY (readers never wait for a refresh).
CREATE UNIQUE INDEX idx_daily_stats ON observability.daily_stats (day, event_type);
REVOKE ALL ON observability.daily_stats FROM PUBLIC, sixfold_observability;

CREATE FUNCTION observability.daily_stats_between(from_day timestamptz, to_day timestamptz, only_event_type text)
RETURNS SETOF observability.daily_stats
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT platform.is_admin() THEN
    RAISE EXCEPTION 'daily stats are for admins only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
    SELECT * FROM observability.daily_stats s
    WHERE s.day >= from_day AND s.day < to_day AND (only_event_type IS NULL OR s.event_type = only_event_type)
    ORDER BY s.day, s.event_type;
END $$;

-- Model views per model over a time range: aggregates are public (trending models), the events
-- behind them are not. SECURITY DEFINER (and the admin setting, which FORCE ROW LEVEL SECURITY
-- would otherwise apply even to the owner) lets anyone read the counts without reading the rows.
CREATE FUNCTION observability.model_view_counts(from_time timestamptz, to_time timestamptz, max_rows integer)
RETURNS TABLE (model_id text, views bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET app.is_admin = 'on' AS $$
  SELECT e.event_properties ->> 'model_id', count(*)
  FROM observability.analytics_events e
  WHERE e.event_type = 'model_view' AND e.event_properties ? 'model_id'
    AND e."timestamp" >= from_time AND e."timestamp" < to_time
  GROUP BY 1
  ORDER BY 2 DESC, 1
  LIMIT max_rows
$$;
