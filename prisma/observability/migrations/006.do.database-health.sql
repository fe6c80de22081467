-- Database health (seed 000 "Monitoring & Maintenance"), served to admins.

-- Connections per database and state. pg_stat_activity hides other roles' session states from
-- ordinary roles; pg_read_all_stats lets the subgraph's role count them all (it still cannot
-- change or signal anything).
CREATE VIEW observability.connection_stats AS
SELECT
  datname,
  count(*) AS connections,
  count(*) FILTER (WHERE state = 'active') AS active,
  count(*) FILTER (WHERE state = 'idle') AS idle,
  count(*) FILTER (WHERE state = 'idle in transaction') AS idle_in_transaction,
  max(EXTRACT(epoch FROM (now() - query_start))) FILTER (WHERE state = 'active') AS longest_query_seconds
FROM pg_stat_activity
WHERE backend_type = 'client backend'
GROUP BY datname;

DO $$
BEGIN
  EXECUTE 'GRANT pg_read_all_stats TO sixfold_observability';
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not grant pg_read_all_stats: connection_stats will only count the subgraph''s own sessions';
END $$;

-- Table sizes (the seed's `table_bloat`), plus the dead-tuple share that is the actual sign of
-- bloat. Reads pg_class directly rather than casting names to regclass, which would need access
-- to every schema. Partitioned parents have no storage of their own and are left out.
CREATE VIEW observability.table_bloat AS
SELECT
  n.nspname AS schemaname,
  c.relname AS tablename,
  pg_total_relation_size(c.oid) AS total_bytes,
  pg_relation_size(c.oid) AS table_bytes,
  pg_total_relation_size(c.oid) - pg_relation_size(c.oid) AS index_bytes,
  pg_size_pretty(pg_total_relation_size(c.oid)) AS total_size,
  ROUND(100 * pg_total_relation_size(c.oid) / NULLIF(SUM(pg_total_relation_size(c.oid)) OVER (), 0), 2) AS percent_of_total,
  s.n_live_tup AS live_tuples,
  s.n_dead_tup AS dead_tuples,
  ROUND(100.0 * s.n_dead_tup / NULLIF(s.n_live_tup + s.n_dead_tup, 0), 2) AS dead_tuple_percent,
  GREATEST(s.last_vacuum, s.last_autovacuum) AS last_vacuum
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
ORDER BY pg_total_relation_size(c.oid) DESC;

-- Statements that ran longer than the server's log_min_duration_statement, as a log shipper
-- records them. Admins only, also in the database.
CREATE TABLE observability.slow_query_log (
  id               bigserial PRIMARY KEY,
  "timestamp"      timestamptz NOT NULL DEFAULT now(),
  duration_ms      integer     NOT NULL CHECK (duration_ms >= 0),
  query            text        NOT NULL,
  query_plan       jsonb,
  user_name        varchar(100),
  database_name    varchar(100),
  application_name varchar(100)
);
CREATE INDEX idx_slow_query_log_time ON observability.slow_query_log ("timestamp" DESC);
ALTER TABLE observability.slow_query_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE observability.slow_query_log FORCE ROW LEVEL SECURITY;
CREATE POLICY slow_query_log_admin ON observability.slow_query_log USING (platform.is_admin()) WITH CHECK (platform.is_admin());
