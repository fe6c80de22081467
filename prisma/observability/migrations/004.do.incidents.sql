-- Incidents (seed 000 `incidents`) and their timeline of status updates.
CREATE TYPE observability.incident_severity AS ENUM ('minor', 'major', 'critical');
-- Declared in lifecycle order: enum comparison (`status >= 'identified'`) follows it.
CREATE TYPE observability.incident_status AS ENUM ('investigating', 'identified', 'monitoring', 'resolved');

CREATE TABLE observability.incidents (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Catalog's Model and Provider, by id (another domain: no foreign key to its tables).
  model_id           uuid REFERENCES observability.monitored_models (id),
  provider_id        uuid,
  regions            text[]        NOT NULL DEFAULT '{}',
  severity           observability.incident_severity NOT NULL,
  status             observability.incident_status   NOT NULL DEFAULT 'investigating',
  title              varchar(500)  NOT NULL CHECK (length(btrim(title)) > 0),
  description        text,
  impact_description text,
  started_at         timestamptz   NOT NULL DEFAULT now(),
  identified_at      timestamptz,
  monitoring_at      timestamptz,
  resolved_at        timestamptz,
  postmortem_url     varchar(500),
  metadata           jsonb         NOT NULL DEFAULT '{}'::jsonb,
  created_at         timestamptz   NOT NULL DEFAULT now(),
  updated_at         timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT incidents_subject CHECK (model_id IS NOT NULL OR provider_id IS NOT NULL),
  -- Each step reached has its timestamp, in order.
  CONSTRAINT incidents_lifecycle_timestamps CHECK (
        (status < 'identified' OR identified_at IS NOT NULL)
    AND (status < 'monitoring' OR monitoring_at IS NOT NULL)
    AND ((status = 'resolved') = (resolved_at IS NOT NULL))
    AND started_at <= COALESCE(identified_at, monitoring_at, resolved_at, started_at)
    AND COALESCE(identified_at, '-infinity') <= COALESCE(monitoring_at, resolved_at, 'infinity')
    AND COALESCE(monitoring_at, '-infinity') <= COALESCE(resolved_at, 'infinity')
  )
);
CREATE INDEX idx_incidents_model ON observability.incidents (model_id, started_at DESC);
CREATE INDEX idx_incidents_provider ON observability.incidents (provider_id, started_at DESC);
CREATE INDEX idx_incidents_time ON observability.incidents (started_at DESC);
CREATE INDEX idx_incidents_open ON observability.incidents (status) WHERE status <> 'resolved';

CREATE TRIGGER incidents_updated_at BEFORE UPDATE ON observability.incidents
  FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- The lifecycle investigating → identified → monitoring → resolved only moves forward (steps
-- may be skipped), and a resolved incident is closed. The subgraph checks this first to answer
-- BAD_USER_INPUT; the trigger keeps it true for every writer, and stamps each step reached
-- (skipped steps included) with the time of the transition.
CREATE FUNCTION observability.incident_lifecycle() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moment timestamptz := now();
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status THEN
    IF OLD.status = 'resolved' OR NEW.status < OLD.status THEN
      RAISE EXCEPTION 'incident % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    moment := NEW.started_at;
  END IF;
  IF NEW.status >= 'identified' AND NEW.identified_at IS NULL THEN NEW.identified_at := moment; END IF;
  IF NEW.status >= 'monitoring' AND NEW.monitoring_at IS NULL THEN NEW.monitoring_at := moment; END IF;
  IF NEW.status = 'resolved' AND NEW.resolved_at IS NULL THEN NEW.resolved_at := moment; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER incidents_lifecycle BEFORE INSERT OR UPDATE OF status ON observability.incidents
  FOR EACH ROW EXECUTE FUNCTION observability.incident_lifecycle();

-- What the status page shows under an incident: each transition or note, oldest first.
CREATE TABLE observability.incident_updates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES observability.incidents (id) ON DELETE CASCADE,
  status      observability.incident_status   NOT NULL,
  severity    observability.incident_severity NOT NULL,
  note        text,
  -- Who posted it (tenancy's User id; no foreign key across domains). NULL for system updates.
  author_id   uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_incident_updates_incident ON observability.incident_updates (incident_id, created_at);
