-- Routine maintenance, run by `pnpm --filter @sixfold/observability maintain` (from cron or any
-- scheduler) and once by this migration, so a fresh database has its partitions:
--   * status_probes: daily partitions from yesterday to `days_ahead` days ahead, plus a
--     partition for any day whose rows wait in the DEFAULT partition (they move into it);
--     partitions of days older than `retention_days` dropped (the seed's 90-day retention), and
--     so are 5-minute rollups that old. Hourly rollups stay: they are the long-term history.
--   * analytics_events: monthly partitions from last month to two months ahead, same draining.
--   * daily_stats refreshed.
-- Idempotent, and serialised by an advisory lock so concurrent runs take turns. Runs as admin:
-- the daily stats count every analytics event, whatever row-level security hides from others.
CREATE FUNCTION observability.run_maintenance(days_ahead integer DEFAULT 7, retention_days integer DEFAULT 90)
RETURNS TABLE (action text, object text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET app.is_admin = 'on' AS $$
DECLARE
  today  date := (now() AT TIME ZONE 'UTC')::date;
  cutoff date := today - retention_days;
  day    date;
  month  date;
  expired name;
  removed bigint;
BEGIN
  IF days_ahead < 1 OR retention_days < 2 THEN
    RAISE EXCEPTION 'days_ahead must be at least 1 and retention_days at least 2' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('observability.run_maintenance'));

  FOR day IN
    SELECT d::date FROM generate_series(today - 1, today + days_ahead, interval '1 day') AS d
    UNION
    SELECT DISTINCT ("time" AT TIME ZONE 'UTC')::date FROM observability.status_probes_default
     WHERE "time" >= observability.utc_midnight(cutoff)
    ORDER BY 1
  LOOP
    IF observability.ensure_partition('observability.status_probes', 'time', observability.utc_midnight(day),
                                      observability.utc_midnight(day + 1), 'status_probes_p' || to_char(day, 'YYYYMMDD')) THEN
      action := 'created'; object := 'observability.status_probes_p' || to_char(day, 'YYYYMMDD'); RETURN NEXT;
    END IF;
  END LOOP;

  FOR expired IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'observability.status_probes'::regclass
       AND c.relname ~ '^status_probes_p\d{8}$'
       AND to_date(substr(c.relname, 16), 'YYYYMMDD') < cutoff
     ORDER BY 1
  LOOP
    EXECUTE format('DROP TABLE observability.%I', expired);
    action := 'dropped'; object := 'observability.' || expired; RETURN NEXT;
  END LOOP;
  DELETE FROM observability.status_probes_default WHERE "time" < observability.utc_midnight(cutoff);
  GET DIAGNOSTICS removed = ROW_COUNT;
  IF removed > 0 THEN action := 'expired'; object := removed || ' rows of observability.status_probes_default'; RETURN NEXT; END IF;
  DELETE FROM observability.status_5min WHERE bucket < observability.utc_midnight(cutoff);
  GET DIAGNOSTICS removed = ROW_COUNT;
  IF removed > 0 THEN action := 'expired'; object := removed || ' rows of observability.status_5min'; RETURN NEXT; END IF;

  FOR month IN
    SELECT m::date FROM generate_series(date_trunc('month', today) - interval '1 month', date_trunc('month', today) + interval '2 months', interval '1 month') AS m
    UNION
    SELECT DISTINCT date_trunc('month', "timestamp" AT TIME ZONE 'UTC')::date FROM observability.analytics_events_default
    ORDER BY 1
  LOOP
    IF observability.ensure_partition('observability.analytics_events', 'timestamp', observability.utc_midnight(month),
                                      observability.utc_midnight((month + interval '1 month')::date), 'analytics_events_p' || to_char(month, 'YYYYMM')) THEN
      action := 'created'; object := 'observability.analytics_events_p' || to_char(month, 'YYYYMM'); RETURN NEXT;
    END IF;
  END LOOP;

  REFRESH MATERIALIZED VIEW CONCURRENTLY observability.daily_stats;
  action := 'refreshed'; object := 'observability.daily_stats'; RETURN NEXT;
END $$;

SELECT count(*) FROM observability.run_maintenance();
