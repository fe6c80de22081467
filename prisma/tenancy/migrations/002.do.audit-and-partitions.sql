-- The audit log (seed 001: immutable, append-only, partitioned by month, written by triggers) and
-- the partition maintenance functions of the seed's "Partitioning Strategy".
--
-- Departures from the seed, and why:
--   * audit_log.user_id has no foreign key: the log must outlive (and never block) the rows it
--     describes.
--   * The trigger reads the caller through platform.current_user_id() (the seed's cast fails for
--     anonymous callers, whose setting is ''), never copies secrets (password and key hashes), and
--     records which fields an UPDATE changed.
--   * Triggers also cover memberships, global roles and API keys: who was let in, promoted or
--     given a key is what an audit is asked first.
--   * The partition functions take schema and table separately (the seed's format('%I', 'a.b')
--     would quote the dot into the name) and only ever touch real partitions of the given table.

CREATE TABLE audit.audit_log (
  id             bigserial NOT NULL,
  table_name     varchar(100) NOT NULL,
  record_id      uuid NOT NULL,
  action         varchar(20) NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
  user_id        uuid,
  ip_address     inet,
  old_values     jsonb,
  new_values     jsonb,
  changed_fields text[],
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE INDEX idx_audit_table_record ON audit.audit_log (table_name, record_id);
CREATE INDEX idx_audit_user_id ON audit.audit_log (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX idx_audit_action ON audit.audit_log (action);
CREATE INDEX idx_audit_created_at ON audit.audit_log (created_at DESC);
CREATE INDEX idx_audit_new_values ON audit.audit_log USING gin (new_values);
CREATE INDEX idx_audit_old_values ON audit.audit_log USING gin (old_values);

-- Writes one audit row per changed row. TG_ARGV lists columns never to copy into the log.
-- SECURITY DEFINER: the subgraph role may read the log (admins, through RLS) but never write it.
CREATE OR REPLACE FUNCTION audit.log_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  secret_columns text[] := COALESCE(TG_ARGV, '{}');
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - secret_columns END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) - secret_columns END;
  changed text[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(key ORDER BY key) INTO changed
      FROM jsonb_each(new_row) n
     WHERE n.value IS DISTINCT FROM old_row -> n.key;
    IF changed IS NULL THEN RETURN NULL; END IF; -- nothing an auditor would see changed
  END IF;
  INSERT INTO audit.audit_log (table_name, record_id, action, user_id, old_values, new_values, changed_fields)
  VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
          COALESCE(new_row ->> 'id', old_row ->> 'id')::uuid,
          TG_OP, platform.current_user_id(), old_row, new_row, changed);
  RETURN NULL; -- AFTER trigger: the result is ignored
END $$;

-- Append-only, even for the table's owner.
CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit.audit_log
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER audit_users AFTER INSERT OR UPDATE OR DELETE ON auth.users
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes('password_hash', 'last_login_ip');
CREATE TRIGGER audit_user_roles AFTER INSERT OR UPDATE OR DELETE ON auth.user_roles
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes();
CREATE TRIGGER audit_api_keys AFTER INSERT OR UPDATE OF name, scopes, rate_limit, expires_at, revoked_at, is_active OR DELETE ON auth.api_keys
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes('key_hash');
CREATE TRIGGER audit_organizations AFTER INSERT OR UPDATE OR DELETE ON app.organizations
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes();
CREATE TRIGGER audit_organization_members AFTER INSERT OR UPDATE OR DELETE ON app.organization_members
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes();
CREATE TRIGGER audit_projects AFTER INSERT OR UPDATE OR DELETE ON app.projects
  FOR EACH ROW EXECUTE FUNCTION audit.log_changes();

-- The subgraph reads the log; only the trigger writes it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit.audit_log FROM sixfold_tenancy;

-- ---------------------------------------------------------------------------------------------
-- Partition maintenance (seed 001). SECURITY DEFINER so that `maintain_partitions()` can be run by
-- the subgraph role at start-up and by a scheduler (pg_cron: see subgraphs/tenancy/README.md).
-- ---------------------------------------------------------------------------------------------

-- Creates one partition of schema_name.table_name for [start_date, end_date). A new partition is
-- a table the subgraph role could query directly, bypassing the parent's policies: it gets row-
-- level security with no policy (nothing visible) and no privileges. Reads go through the parent.
CREATE OR REPLACE FUNCTION app.create_partition(schema_name text, table_name text, partition_name text, start_date date, end_date date)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF to_regclass(format('%I.%I', schema_name, partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                 schema_name, partition_name, schema_name, table_name, start_date, end_date);
  EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', schema_name, partition_name);
  EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', schema_name, partition_name);
  EXECUTE format('REVOKE ALL ON %I.%I FROM sixfold_tenancy', schema_name, partition_name);
  RETURN true;
END $$;

-- Monthly partitions `<table>_YYYY_MM` from `months_back` months ago to `months_ahead` months ahead.
CREATE OR REPLACE FUNCTION app.create_monthly_partitions(schema_name text, table_name text, months_ahead integer DEFAULT 6, months_back integer DEFAULT 0)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  month_start date;
  created integer := 0;
BEGIN
  FOR i IN -months_back..months_ahead LOOP
    month_start := date_trunc('month', current_date + make_interval(months => i))::date;
    IF app.create_partition(schema_name, table_name, format('%s_%s', table_name, to_char(month_start, 'YYYY_MM')),
                            month_start, (month_start + interval '1 month')::date) THEN
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;

-- Drops the monthly partitions of schema_name.table_name that ended before the retention period.
CREATE OR REPLACE FUNCTION app.drop_old_partitions(schema_name text, table_name text, retention_months integer DEFAULT 24)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  cutoff date := date_trunc('month', current_date - make_interval(months => retention_months))::date;
  partition record;
  dropped integer := 0;
BEGIN
  FOR partition IN
    SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = format('%I.%I', schema_name, table_name)::regclass
       AND c.relname ~ ('^' || table_name || '_\d{4}_\d{2}$')
  LOOP
    IF to_date(right(partition.relname, 7), 'YYYY_MM') < cutoff THEN
      EXECUTE format('DROP TABLE %I.%I', schema_name, partition.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END $$;

-- What a monthly scheduler runs: partitions six months ahead, retention as the seed sets it.
-- Safe to run concurrently from several places: they take turns.
CREATE OR REPLACE FUNCTION app.maintain_partitions()
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('app.maintain_partitions'));
  PERFORM app.create_monthly_partitions('app', 'tasks', 6);
  PERFORM app.create_monthly_partitions('app', 'notifications', 6);
  PERFORM app.create_monthly_partitions('audit', 'audit_log', 6);
  PERFORM app.drop_old_partitions('app', 'tasks', 24);
  PERFORM app.drop_old_partitions('app', 'notifications', 6);
  PERFORM app.drop_old_partitions('audit', 'audit_log', 24);
END $$;

-- The past year for tasks and the audit log (history the demo seed fills), the retention period
-- for notifications, and six months ahead for all three.
SELECT app.create_monthly_partitions('app', 'tasks', 6, 12);
SELECT app.create_monthly_partitions('app', 'notifications', 6, 5);
SELECT app.create_monthly_partitions('audit', 'audit_log', 6, 12);
