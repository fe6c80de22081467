-- Status probes (seed 000 `status_probes`): one row per probe agent measurement, partitioned by
-- UTC day, kept 90 days. The primary key is a probe's identity, which makes re-sent probes
-- harmless (ingestion inserts with ON CONFLICT DO NOTHING). Its column order also serves every
-- query the subgraph sends to this table: one model and region over a time range.
CREATE TABLE observability.status_probes (
  "time"                   timestamptz  NOT NULL,
  model_id                 uuid         NOT NULL REFERENCES observability.monitored_models (id),
  region                   varchar(20)  NOT NULL REFERENCES observability.regions (slug),
  probe_location           varchar(50)  NOT NULL,
  availability             numeric(5,2) NOT NULL CHECK (availability BETWEEN 0 AND 100),   -- percent
  latency_p50              integer      CHECK (latency_p50 >= 0),                          -- milliseconds
  latency_p95              integer      CHECK (latency_p95 >= latency_p50),
  latency_p99              integer      CHECK (latency_p99 >= latency_p95),
  error_rate               numeric(5,2) NOT NULL CHECK (error_rate BETWEEN 0 AND 100),     -- percent
  error_types              jsonb        NOT NULL DEFAULT '{}'::jsonb,                      -- {"timeout": 3}
  requests_per_minute      integer      CHECK (requests_per_minute >= 0),
  tokens_per_minute        bigint       CHECK (tokens_per_minute >= 0),
  status_code_distribution jsonb        NOT NULL DEFAULT '{}'::jsonb,                      -- {"200": 3380, "429": 20}
  metadata                 jsonb        NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (model_id, region, "time", probe_location)
) PARTITION BY RANGE ("time");

-- The safety net described in ensure_partition (migration 002), reached through the parent only.
CREATE TABLE observability.status_probes_default PARTITION OF observability.status_probes DEFAULT;
REVOKE ALL ON observability.status_probes_default FROM PUBLIC, sixfold_observability;

-- Probes are public status data: everyone reads them. Writers are authorized by the subgraph
-- (admin or the probes:write scope). Nobody but maintenance (the owner) changes or deletes one.
ALTER TABLE observability.status_probes ENABLE ROW LEVEL SECURITY;
ALTER TABLE observability.status_probes FORCE ROW LEVEL SECURITY;
CREATE POLICY status_probes_read ON observability.status_probes FOR SELECT USING (true);
CREATE POLICY status_probes_write ON observability.status_probes FOR INSERT WITH CHECK (true);

-- Rollups (seed 000 `status_5min`, `status_hourly`). TimescaleDB would keep them as continuous
-- aggregates; here they are tables that probe ingestion upserts in the same transaction, by
-- re-aggregating every bucket a batch touched from the raw probes, so they are never stale.
-- Both carry the union of the seed's columns: averages of each latency percentile, the
-- minimum availability, and the median and maximum p95. Averages are double precision:
-- statistics for charts, not amounts that must add up to the cent.
-- `last_probe_at` is the newest probe in the bucket: the "updated at" of a model's status.
CREATE TABLE observability.status_5min (
  bucket             timestamptz      NOT NULL,
  model_id           uuid             NOT NULL,
  region             varchar(20)      NOT NULL,
  avg_availability   double precision NOT NULL,
  min_availability   double precision NOT NULL,
  avg_latency_p50    double precision,
  avg_latency_p95    double precision,
  avg_latency_p99    double precision,
  median_latency_p95 double precision,
  max_latency_p95    integer,
  avg_error_rate     double precision NOT NULL,
  total_requests     bigint,
  total_tokens       bigint,
  probe_count        integer          NOT NULL CHECK (probe_count > 0),
  last_probe_at      timestamptz      NOT NULL,
  PRIMARY KEY (model_id, region, bucket)
);

CREATE TABLE observability.status_hourly (LIKE observability.status_5min INCLUDING ALL);
