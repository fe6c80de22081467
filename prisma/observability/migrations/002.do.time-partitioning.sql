-- Native declarative partitioning by time, for the time series of this domain (status probes by
-- day, analytics events by month). Seed 000 uses TimescaleDB hypertables; that extension is
-- optional and absent here, so partitions are plain PostgreSQL and these functions keep them:
-- observability.maintain_partitions() (migration 007) creates them ahead and drops expired ones.

-- The UTC midnight that starts `day`: every partition boundary and rollup bucket is UTC-aligned,
-- whatever the session's TimeZone.
CREATE FUNCTION observability.utc_midnight(day date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT day::timestamp AT TIME ZONE 'UTC' $$;

-- Creates partition `partition_name` of `parent` for [lower_bound, upper_bound) unless it exists.
-- Returns whether it created it.
--
-- Every partitioned table here has a DEFAULT partition as a safety net: a row whose partition
-- does not exist yet (maintenance did not run, or a late backfill) is stored there instead of
-- failing its whole ingestion batch. PostgreSQL refuses a new partition whose range still has
-- rows in the DEFAULT partition, so those rows move into the new partition before it is attached.
--
-- A partition is reached through its parent only, where the parent's row-level security
-- applies: the subgraph's role gets no privileges on it (the schema's default privileges would
-- grant them).
--
-- SECURITY DEFINER: the subgraph's role has no DDL rights; maintenance runs as the owner.
CREATE FUNCTION observability.ensure_partition(parent regclass, time_column name, lower_bound timestamptz, upper_bound timestamptz, partition_name name)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  parent_schema name;
  default_partition regclass;
BEGIN
  SELECT n.nspname INTO STRICT parent_schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = parent;
  IF to_regclass(format('%I.%I', parent_schema, partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  SELECT i.inhrelid::regclass INTO default_partition
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
   WHERE i.inhparent = parent AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

  EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', parent_schema, partition_name, parent);
  IF default_partition IS NOT NULL THEN
    EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I.%I SELECT * FROM moved',
                   default_partition, time_column, time_column, parent_schema, partition_name)
      USING lower_bound, upper_bound;
  END IF;
  -- Attaching builds the partition's indexes and foreign keys from the parent's.
  EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                 parent, parent_schema, partition_name, lower_bound, upper_bound);
  EXECUTE format('REVOKE ALL ON %I.%I FROM PUBLIC, sixfold_observability', parent_schema, partition_name);
  RETURN true;
END $$;
