-- Media: search history, partitioned by month.
--
-- Partition scheme: RANGE on searched_at, one partition per calendar month (UTC) named
-- search_history_yYYYYmMM, plus search_history_default for anything outside them.
-- media.ensure_search_history_partitions() creates the months from a given date up to N months
-- ahead; the migration runs it for the months around now, the demo seed for the months it fills,
-- and the subgraph's maintenance loop every hour (and pg_cron daily where installed), so the
-- partitions for the coming months always exist before any search needs them. A row that
-- still lands in the default partition (maintenance stopped for months) is moved into its
-- month's partition when that partition is created. Old months can be dropped or detached
-- whole, without a DELETE. The primary key includes searched_at because a partitioned
-- table's unique keys must contain the partition key.
CREATE TABLE media.search_history (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES media.accounts (user_id) ON DELETE CASCADE,
  query_text         text NOT NULL,
  -- query_embedding: added below, like media_embeddings.embedding (vector(1536) or real[]).
  filters            jsonb DEFAULT '{}'::jsonb,
  sort_by            varchar(50),
  sort_order         varchar(4) CHECK (sort_order IN ('asc', 'desc')),
  limit_count        integer,
  offset_count       integer DEFAULT 0,
  results_count      integer NOT NULL DEFAULT 0,
  response_time_ms   integer,
  cache_hit          boolean NOT NULL DEFAULT false,
  clicked_results    uuid[],
  click_through_rate numeric(5,4),
  search_session_id  uuid,
  source_page        varchar(100),
  user_agent         text,
  ip_address         inet,
  searched_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, searched_at),
  CONSTRAINT positive_results CHECK (results_count >= 0),
  CONSTRAINT positive_response_time CHECK (response_time_ms >= 0),
  CONSTRAINT valid_click_rate CHECK (click_through_rate >= 0.0 AND click_through_rate <= 1.0)
) PARTITION BY RANGE (searched_at);

DO $$
BEGIN
  IF media.embedding_storage() = 'vector' THEN
    EXECUTE 'ALTER TABLE media.search_history ADD COLUMN query_embedding vector(1536)';
  ELSE
    ALTER TABLE media.search_history ADD COLUMN query_embedding real[]
      CONSTRAINT query_embedding_dimensions CHECK (cardinality(query_embedding) = 1536);
  END IF;
END $$;

-- The seed's user index, with the time order the history is read in.
CREATE INDEX idx_search_history_user_id ON media.search_history (user_id, searched_at DESC);
CREATE INDEX idx_search_history_searched_at ON media.search_history (searched_at);
CREATE INDEX idx_search_history_query_text ON media.search_history USING gin (to_tsvector('english', query_text));
CREATE INDEX idx_search_history_session ON media.search_history (search_session_id);
CREATE INDEX idx_search_history_performance ON media.search_history (response_time_ms, cache_hit);

CREATE TABLE media.search_history_default PARTITION OF media.search_history DEFAULT;

-- Creating partitions is DDL, which the subgraph's role may not do: this function runs as its
-- owner (SECURITY DEFINER) and does only this. Partitions are reachable only through the parent
-- table, whose row-level security applies; the subgraph's role gets no rights on them directly.
CREATE FUNCTION media.ensure_search_history_partitions(from_time timestamptz DEFAULT now(), months_ahead integer DEFAULT 3)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  month_start timestamp := date_trunc('month', least(from_time, now()) AT TIME ZONE 'UTC');
  last_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead);
  lower_bound timestamptz;
  upper_bound timestamptz;
  partition_name text;
  created integer := 0;
BEGIN
  IF months_ahead < 0 OR months_ahead > 24 THEN
    RAISE EXCEPTION 'months_ahead must be between 0 and 24, got %', months_ahead;
  END IF;
  -- Concurrent callers (replicas starting together) take turns; the second finds the work done.
  PERFORM pg_advisory_xact_lock(hashtext('media.search_history partitions'));
  WHILE month_start <= last_month LOOP
    partition_name := 'search_history_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
    lower_bound := month_start AT TIME ZONE 'UTC';
    upper_bound := (month_start + interval '1 month') AT TIME ZONE 'UTC';
    IF to_regclass('media.' || partition_name) IS NULL THEN
      EXECUTE format('CREATE TABLE media.%I (LIKE media.search_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM media.search_history_default WHERE searched_at >= %L AND searched_at < %L RETURNING *) INSERT INTO media.%I SELECT * FROM moved',
        lower_bound, upper_bound, partition_name);
      EXECUTE format('ALTER TABLE media.search_history ATTACH PARTITION media.%I FOR VALUES FROM (%L) TO (%L)', partition_name, lower_bound, upper_bound);
      EXECUTE format('REVOKE ALL ON media.%I FROM PUBLIC, sixfold_media', partition_name);
      created := created + 1;
    END IF;
    month_start := month_start + interval '1 month';
  END LOOP;
  RETURN created;
END $$;
REVOKE ALL ON FUNCTION media.ensure_search_history_partitions(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION media.ensure_search_history_partitions(timestamptz, integer) TO sixfold_media;

REVOKE ALL ON media.search_history_default FROM PUBLIC, sixfold_media;
SELECT media.ensure_search_history_partitions(now(), 3);

ALTER TABLE media.search_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.search_history FORCE ROW LEVEL SECURITY;
CREATE POLICY search_history_owner ON media.search_history FOR ALL
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    PERFORM cron.schedule('media-search-history-partitions', '0 3 * * *', 'SELECT media.ensure_search_history_partitions(now(), 3)');
  END IF;
END $$;
