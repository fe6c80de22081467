-- Operator workload (seed 001, v2.0): open projects and service orders per responsible operator.
--
-- Departures from the seed's view, each for a reason:
-- * One row per (organization, operator), not per operator: an operator may work for several
--   customer organizations, and one organization must not learn another's workload.
-- * The seed's WHERE on service-order status turned its LEFT JOIN into an inner join (projects
--   without open orders vanished). The order filter moves into the join, so an open project with
--   no open orders still counts as a project.
-- * Unassigned projects (no operator) are left out: they are nobody's workload.
-- * `refreshed_at` tells readers how fresh the figures are.
CREATE MATERIALIZED VIEW fsm.operator_workload AS
SELECT
  p.organization_id,
  p.responsible_operator_id                                    AS operator_id,
  count(DISTINCT p.id)::integer                                AS total_projects,
  count(so.id)::integer                                        AS total_service_orders,
  coalesce(sum(so.estimated_duration_minutes), 0)::integer     AS total_workload_minutes,
  round(coalesce(sum(so.estimated_duration_minutes), 0) / 60.0, 2)::numeric(10, 2) AS total_workload_hours,
  now()                                                        AS refreshed_at
FROM fsm.projects p
LEFT JOIN fsm.service_orders so
  ON so.project_id = p.id AND so.status NOT IN ('CANCELLED', 'COMPLETED', 'CLOSED')
WHERE p.status NOT IN ('CANCELLED', 'COMPLETED')
  AND p.responsible_operator_id IS NOT NULL
GROUP BY p.organization_id, p.responsible_operator_id;

-- REFRESH … CONCURRENTLY needs a unique index over plain columns.
CREATE UNIQUE INDEX idx_operator_workload_operator ON fsm.operator_workload (organization_id, operator_id);
CREATE INDEX idx_operator_workload_by_operator ON fsm.operator_workload (operator_id);

-- A materialized view cannot have row-level security, so the subgraph role may not read it at all:
-- it reads this view instead, which applies the same rule as the tenant tables' policies. The view
-- runs with its owner's rights (it is not security_invoker), which is what lets it read the
-- materialized view; security_barrier keeps callers' predicates from running before the filter.
REVOKE ALL ON fsm.operator_workload FROM sixfold_fsm;
CREATE VIEW fsm.visible_operator_workload WITH (security_barrier) AS
SELECT organization_id, operator_id, total_projects, total_service_orders, total_workload_minutes, total_workload_hours, refreshed_at
FROM fsm.operator_workload
WHERE organization_id = ANY (platform.current_org_ids()) OR platform.is_admin();
GRANT SELECT ON fsm.visible_operator_workload TO sixfold_fsm;

-- Recomputes the figures without blocking readers. Runs as the view's owner (only an owner may
-- refresh) and as admin for the duration of the call, so the tenant tables' row-level security
-- lets every organization's rows into the view whoever calls it; SET clauses on a function are
-- undone when it returns, so the caller's transaction keeps its own identity.
-- Returns how many (organization, operator) rows the view now holds.
CREATE FUNCTION fsm.refresh_operator_workload() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET app.is_admin = 'on'
AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY fsm.operator_workload;
  RETURN (SELECT count(*) FROM fsm.operator_workload);
END $$;
REVOKE ALL ON FUNCTION fsm.refresh_operator_workload() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fsm.refresh_operator_workload() TO sixfold_fsm;

-- Every five minutes where pg_cron runs in this database; elsewhere, schedule
-- `pnpm --filter @sixfold/fsm refresh-workload` (it calls the same function).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    EXECUTE $cron$SELECT cron.schedule('fsm-refresh-operator-workload', '*/5 * * * *', 'SELECT fsm.refresh_operator_workload()')$cron$;
  END IF;
END $$;
