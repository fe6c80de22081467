-- Media: what processing costs, the audit trail of media actions, and the usage dashboard.

CREATE TABLE media.cost_tracking (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES media.accounts (user_id) ON DELETE CASCADE,
  service_name        varchar(50) NOT NULL CHECK (service_name IN ('aws_rekognition', 'aws_transcribe', 'aws_comprehend', 'aws_s3', 'openai_embeddings', 'openai_gpt')),
  operation_type      varchar(50) NOT NULL,
  amount              numeric(10,4) NOT NULL,
  currency            varchar(3) NOT NULL DEFAULT 'USD',
  billing_unit        varchar(20),  -- 'per_request', 'per_mb', 'per_token', …
  units_consumed      numeric(12,4),
  media_file_id       uuid REFERENCES media.media_files (id) ON DELETE SET NULL,
  processing_job_id   uuid REFERENCES media.processing_jobs (id) ON DELETE SET NULL,
  reference_id        varchar(255),  -- the external service's reference
  billing_period_month integer NOT NULL,
  billing_period_year  integer NOT NULL,
  service_metadata    jsonb DEFAULT '{}'::jsonb,
  incurred_at         timestamptz NOT NULL DEFAULT now(),
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT positive_amount CHECK (amount >= 0),
  CONSTRAINT valid_month CHECK (billing_period_month >= 1 AND billing_period_month <= 12),
  CONSTRAINT valid_year CHECK (billing_period_year >= 2024),
  CONSTRAINT positive_units CHECK (units_consumed >= 0)
);
-- The seed's user index, led by the billing period the rollups group by.
CREATE INDEX idx_cost_tracking_user_id ON media.cost_tracking (user_id, billing_period_year, billing_period_month);
CREATE INDEX idx_cost_tracking_service ON media.cost_tracking (service_name, operation_type);
CREATE INDEX idx_cost_tracking_billing_period ON media.cost_tracking (billing_period_year, billing_period_month);
CREATE INDEX idx_cost_tracking_media_file ON media.cost_tracking (media_file_id);
CREATE INDEX idx_cost_tracking_processing_job ON media.cost_tracking (processing_job_id);
CREATE INDEX idx_cost_tracking_incurred_at ON media.cost_tracking (incurred_at);

ALTER TABLE media.cost_tracking ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.cost_tracking FORCE ROW LEVEL SECURITY;
CREATE POLICY cost_tracking_owner ON media.cost_tracking FOR ALL
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

-- ---------------------------------------------------------------------------------------------
-- Audit log of media actions. Append-only: the subgraph may insert and read, never change or
-- remove an entry. user_id is the acting tenancy user (no cross-domain FK).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE media.audit_logs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_type       varchar(50) NOT NULL,
  event_category   varchar(30) NOT NULL CHECK (event_category IN ('auth', 'upload', 'search', 'billing', 'admin', 'security')),
  user_id          uuid,
  actor_type       varchar(20) NOT NULL DEFAULT 'user' CHECK (actor_type IN ('user', 'system', 'admin', 'service')),
  actor_identifier varchar(255),
  target_type      varchar(50),
  target_id        uuid,
  action           varchar(50) NOT NULL,
  description      text,
  ip_address       inet,
  user_agent       text,
  session_id       varchar(255),
  request_id       uuid,
  old_values       jsonb,
  new_values       jsonb,
  metadata         jsonb DEFAULT '{}'::jsonb,
  risk_level       varchar(10) DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  occurred_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_logs_check_target CHECK (
    (target_type IS NOT NULL AND target_id IS NOT NULL) OR
    (target_type IS NULL AND target_id IS NULL)
  )
);
-- The seed's user index, with the newest-first order the log is read in.
CREATE INDEX idx_audit_logs_user_id ON media.audit_logs (user_id, occurred_at DESC);
CREATE INDEX idx_audit_logs_event_type ON media.audit_logs (event_type);
CREATE INDEX idx_audit_logs_event_category ON media.audit_logs (event_category);
CREATE INDEX idx_audit_logs_occurred_at ON media.audit_logs (occurred_at);
CREATE INDEX idx_audit_logs_target ON media.audit_logs (target_type, target_id);
CREATE INDEX idx_audit_logs_actor ON media.audit_logs (actor_type, actor_identifier);
CREATE INDEX idx_audit_logs_risk_level ON media.audit_logs (risk_level);
CREATE INDEX idx_audit_logs_ip_address ON media.audit_logs (ip_address);

ALTER TABLE media.audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_logs_read ON media.audit_logs FOR SELECT
  USING (user_id = platform.current_user_id() OR platform.is_admin());
CREATE POLICY audit_logs_append ON media.audit_logs FOR INSERT
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());
REVOKE UPDATE, DELETE, TRUNCATE ON media.audit_logs FROM sixfold_media;

-- ---------------------------------------------------------------------------------------------
-- Views. security_invoker: they read the tables as the caller, so row-level security applies
-- (a plain view would read as its owner and show every user's rows).
-- ---------------------------------------------------------------------------------------------

-- Monthly cost rollup per user, service and currency.
CREATE VIEW media.monthly_costs WITH (security_invoker = true) AS
SELECT user_id,
       billing_period_year  AS year,
       billing_period_month AS month,
       service_name,
       currency,
       sum(amount)::numeric(14,4)           AS total_amount,
       coalesce(sum(units_consumed), 0)::numeric(16,4) AS units_consumed,
       count(*)::integer                     AS entries
  FROM media.cost_tracking
 GROUP BY user_id, billing_period_year, billing_period_month, service_name, currency;

-- The seed's user_dashboard_summary. The seed joins files and costs to the user in one GROUP BY,
-- which multiplies them together (3 files and 4 cost rows count 12 files and 3× the cost); each
-- is aggregated on its own here instead.
CREATE VIEW media.user_dashboard_summary WITH (security_invoker = true) AS
SELECT a.user_id,
       a.subscription_tier,
       a.subscription_status,
       a.uploads_this_month,
       a.searches_this_month,
       a.storage_used_bytes,
       a.billing_period_start,
       a.billing_period_end,
       ul.max_uploads_per_month,
       ul.max_searches_per_month,
       ul.max_storage_bytes,
       coalesce(files.total_files, 0)::integer     AS total_files,
       coalesce(files.processed_files, 0)::integer AS processed_files,
       coalesce(costs.amount, 0)::numeric(14,4)     AS current_month_cost
  FROM media.accounts a
  LEFT JOIN media.usage_limits ul ON ul.tier_name = a.subscription_tier
  LEFT JOIN LATERAL (
    SELECT count(*) AS total_files, count(*) FILTER (WHERE mf.status = 'completed') AS processed_files
      FROM media.media_files mf
     WHERE mf.user_id = a.user_id AND mf.deleted_at IS NULL
  ) files ON true
  LEFT JOIN LATERAL (
    SELECT sum(ct.amount) AS amount
      FROM media.cost_tracking ct
     WHERE ct.user_id = a.user_id
       AND ct.billing_period_year = extract(year FROM now() AT TIME ZONE 'UTC')
       AND ct.billing_period_month = extract(month FROM now() AT TIME ZONE 'UTC')
  ) costs ON true
 WHERE a.deleted_at IS NULL;
