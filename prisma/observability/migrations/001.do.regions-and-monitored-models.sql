-- Observability (seed 000: TimescaleDB, Redis, analytics and monitoring sections).
-- This first file holds the reference data probes are validated against.
CREATE SCHEMA IF NOT EXISTS observability;

-- Regions probes report from. Reference data the product needs in every environment, so the
-- migration (not the demo seed) fills it.
CREATE TABLE observability.regions (
  slug       varchar(20)  PRIMARY KEY CHECK (slug ~ '^[a-z]+(-[a-z]+)*$'),
  name       varchar(100) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO observability.regions (slug, name) VALUES
  ('us-east', 'US East'),
  ('us-west', 'US West'),
  ('eu-west', 'EU West'),
  ('eu-central', 'EU Central'),
  ('asia-east', 'Asia East'),
  ('asia-southeast', 'Asia Southeast');

-- The catalog models this domain monitors. Models are owned by catalog (another schema, no
-- foreign key across domains): this copy of their ids is seeded from the catalog seed and kept
-- current from the `catalog.modelChanged` event, so probe ingestion can validate model ids
-- without asking another subgraph.
CREATE TABLE observability.monitored_models (
  id          uuid PRIMARY KEY,
  slug        varchar(100) NOT NULL,
  provider_id uuid         NOT NULL,
  is_active   boolean      NOT NULL DEFAULT true,
  updated_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_monitored_models_provider ON observability.monitored_models (provider_id);

CREATE TRIGGER monitored_models_updated_at BEFORE UPDATE ON observability.monitored_models
  FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- The observability subgraph's queries run as this role (see prisma/src/domains.ts).
SELECT platform.ensure_role('sixfold_observability');
SELECT platform.grant_domain_access('sixfold_observability', 'observability');
