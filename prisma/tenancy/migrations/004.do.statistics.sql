-- The seed's materialized views (project statistics, user activity), kept in `app` (tenancy owns
-- no `analytics` schema), with a refresh function.
--
-- Materialized views cannot have row-level security, so the subgraph role may not read them
-- directly: it reads the `visible_*` views, which show only the rows the caller could see in the
-- underlying tables (the same helpers the table policies use).

CREATE MATERIALIZED VIEW app.project_stats AS
SELECT
  p.id AS project_id,
  p.name AS project_name,
  p.organization_id,
  count(t.id)::integer AS total_tasks,
  count(*) FILTER (WHERE t.status = 'done')::integer AS completed_tasks,
  count(*) FILTER (WHERE t.status = 'in_progress')::integer AS in_progress_tasks,
  count(*) FILTER (WHERE t.status = 'todo')::integer AS todo_tasks,
  round(avg(EXTRACT(EPOCH FROM (t.completed_at - t.created_at)) / 3600)
          FILTER (WHERE t.status = 'done' AND t.completed_at IS NOT NULL), 2) AS avg_completion_time_hours,
  max(t.updated_at) AS last_activity_at,
  now() AS refreshed_at
FROM app.projects p
LEFT JOIN app.tasks t ON t.project_id = p.id AND t.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY p.id, p.name, p.organization_id;

-- Unique index: lets the view refresh CONCURRENTLY (readers never wait).
CREATE UNIQUE INDEX idx_project_stats_project ON app.project_stats (project_id);

CREATE MATERIALIZED VIEW app.user_activity_stats AS
SELECT
  u.id AS user_id,
  u.email,
  count(DISTINCT t.id)::integer AS tasks_assigned,
  count(DISTINCT t.id) FILTER (WHERE t.status = 'done')::integer AS tasks_completed,
  count(DISTINCT c.id)::integer AS comments_created,
  max(u.last_login_at) AS last_login_at,
  count(DISTINCT date(c.created_at))::integer AS active_days_last_30,
  now() AS refreshed_at
FROM auth.users u
LEFT JOIN app.tasks t ON t.assignee_id = u.id AND t.deleted_at IS NULL
LEFT JOIN app.comments c ON c.user_id = u.id AND c.deleted_at IS NULL AND c.created_at > now() - interval '30 days'
WHERE u.deleted_at IS NULL
GROUP BY u.id, u.email;

CREATE UNIQUE INDEX idx_user_activity_stats_user ON app.user_activity_stats (user_id);

REVOKE ALL ON app.project_stats, app.user_activity_stats FROM sixfold_tenancy;

CREATE VIEW app.visible_project_stats WITH (security_barrier) AS
SELECT s.* FROM app.project_stats s
 WHERE app.can_access_project(s.project_id) OR auth.has_role('admin');

CREATE VIEW app.visible_user_activity_stats WITH (security_barrier) AS
SELECT s.* FROM app.user_activity_stats s
 WHERE s.user_id = auth.current_user_id() OR auth.has_role('admin') OR app.shares_organization_with(s.user_id);

GRANT SELECT ON app.visible_project_stats, app.visible_user_activity_stats TO sixfold_tenancy;

-- `pnpm --filter @sixfold/tenancy maintain` (or a scheduler) runs this; so does the admin-only
-- `refreshStatistics` mutation. Returns when the refresh finished.
CREATE OR REPLACE FUNCTION app.refresh_statistics() RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY app.project_stats;
  REFRESH MATERIALIZED VIEW CONCURRENTLY app.user_activity_stats;
  RETURN now();
END $$;
REVOKE EXECUTE ON FUNCTION app.refresh_statistics() FROM PUBLIC;
