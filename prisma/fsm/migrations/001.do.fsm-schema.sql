-- Field service management (seed 001, "AHS FSM-Specific Schema" and "v2.0 Feature Additions").
--
-- Departures from the seed, each for a reason:
-- * Every TIMESTAMP is timestamptz: orders cross five countries and time zones, and an instant
--   must mean the same instant whoever reads it. Calendar dates (requested/scheduled dates) stay
--   DATE: they are days in the store's local calendar, not instants.
-- * Columns with a default (is_active, created_at, risk_level, …) are NOT NULL: a NULL flag or
--   timestamp has no meaning the application could act on.
-- * Tenant boundary: FSM data belongs to customer organizations of the platform (tenancy's
--   organizations, referenced by id only; no foreign key leaves this schema). A business unit
--   belongs to one organization (`business_units.organization_id`). Every table that hangs off a
--   business unit carries the same `organization_id`, kept consistent by composite foreign keys
--   (a child's (parent_id, organization_id) must be its parent's) so row-level security policies
--   are one comparison instead of a join per row. ON UPDATE CASCADE lets a business unit move to
--   another organization in one statement. (The policies' `OR platform.is_admin()` makes that
--   comparison a row filter rather than an index condition, so organization_id is indexed only
--   where queries filter on it explicitly; each list's own filters and order pick the indexes.)
-- * Tables the seed leaves without a tenant get the owner they need to be protected:
--   integration events and pre-estimations gain `business_unit_id` (the business unit whose
--   sales-system connection produced them); external reference mappings gain `organization_id`,
--   checked against the mapped entity by a trigger.
-- * service_orders gains `estimated_duration_minutes`: the seed's operator_workload view sums it
--   but the seed's service_orders table lacks it.
-- * A service order's store, project and country must agree with its business unit (composite
--   foreign keys); users(id) references become plain uuids (users are tenancy's).
-- * Countries and sales systems are master data: everyone may read them, only admins write.

CREATE SCHEMA IF NOT EXISTS fsm;

-- ---------------------------------------------------------------------------------------------
-- Master data
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.countries (
  code          varchar(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),      -- ISO 3166-1 alpha-2
  name          varchar(100) NOT NULL,
  currency      varchar(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),   -- ISO 4217
  timezone      varchar(50) NOT NULL,                                   -- IANA, e.g. Europe/Madrid
  locale        varchar(10) NOT NULL,                                   -- e.g. es-ES
  is_active     boolean NOT NULL DEFAULT true,
  configuration jsonb,                                                  -- tax rates, regulations
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_countries_is_active ON fsm.countries (is_active);

CREATE TABLE fsm.sales_systems (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                varchar(100) NOT NULL,
  code                varchar(50) NOT NULL UNIQUE,                      -- PYXIS, TEMPO, SAP_COMMERCE
  vendor              varchar(100),
  description         text,
  api_base_url        varchar(500),
  api_version         varchar(20),
  authentication_type varchar(50),
  is_active           boolean NOT NULL DEFAULT true,
  supported_countries varchar(2)[] NOT NULL DEFAULT '{}',
  configuration       jsonb,
  data_mapping        jsonb,                                            -- sales-system field → FSM field
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sales_systems_is_active ON fsm.sales_systems (is_active);
-- (The seed's idx_sales_systems_code duplicates the UNIQUE constraint's index.)

-- ---------------------------------------------------------------------------------------------
-- Business units (the tenant boundary) and what hangs off them
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.business_units (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,                                        -- tenancy organization (no FK)
  country_code    varchar(2) NOT NULL REFERENCES fsm.countries (code),
  code            varchar(50) NOT NULL UNIQUE,                          -- LM_ES, BD_FR
  name            varchar(100) NOT NULL,
  type            varchar(50) CHECK (type IN ('RETAIL', 'B2B', 'FRANCHISE')),
  is_active       boolean NOT NULL DEFAULT true,
  configuration   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (country_code, code),
  -- Targets of the children's composite foreign keys.
  UNIQUE (id, organization_id),
  UNIQUE (id, organization_id, country_code)
);
CREATE INDEX idx_business_units_country_code ON fsm.business_units (country_code);
CREATE INDEX idx_business_units_is_active ON fsm.business_units (is_active);
CREATE INDEX idx_business_units_organization ON fsm.business_units (organization_id);

CREATE TABLE fsm.stores (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  business_unit_id  uuid NOT NULL,
  organization_id   uuid NOT NULL,
  store_code        varchar(50) NOT NULL,
  name              varchar(255) NOT NULL,
  address           jsonb NOT NULL,                                     -- {street, postalCode, city, region, countryCode}
  phone             varchar(50),
  email             varchar(255),
  is_active         boolean NOT NULL DEFAULT true,
  operational_hours jsonb,
  configuration     jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (business_unit_id, store_code),
  UNIQUE (id, business_unit_id),
  FOREIGN KEY (business_unit_id, organization_id) REFERENCES fsm.business_units (id, organization_id) ON UPDATE CASCADE
);
CREATE INDEX idx_stores_business_unit_id ON fsm.stores (business_unit_id);
CREATE INDEX idx_stores_is_active ON fsm.stores (is_active);
CREATE INDEX idx_stores_search ON fsm.stores USING gin (to_tsvector('simple', name || ' ' || coalesce(address ->> 'city', '')));

CREATE TABLE fsm.business_unit_sales_systems (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  business_unit_id uuid NOT NULL,
  organization_id  uuid NOT NULL,
  sales_system_id  uuid NOT NULL REFERENCES fsm.sales_systems (id),
  is_primary       boolean NOT NULL DEFAULT false,
  priority         integer NOT NULL DEFAULT 100,                        -- lower is preferred
  is_active        boolean NOT NULL DEFAULT true,
  configuration    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (business_unit_id, sales_system_id),
  FOREIGN KEY (business_unit_id, organization_id) REFERENCES fsm.business_units (id, organization_id) ON UPDATE CASCADE
);
CREATE INDEX idx_bu_sales_systems_sales_system_id ON fsm.business_unit_sales_systems (sales_system_id);
-- The seed indexes is_primary; "primary" only means something if there is at most one per unit.
CREATE UNIQUE INDEX idx_bu_sales_systems_one_primary ON fsm.business_unit_sales_systems (business_unit_id) WHERE is_primary;
-- (The seed's idx_bu_sales_systems_bu_id duplicates the UNIQUE constraint's leading column.)

-- ---------------------------------------------------------------------------------------------
-- Projects ("pilote du chantier") and their ownership history
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.projects (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_name            varchar(255) NOT NULL,
  customer_id             uuid NOT NULL,
  country_code            varchar(2) NOT NULL,
  business_unit_id        uuid NOT NULL,
  organization_id         uuid NOT NULL,
  status                  varchar(50) NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
  responsible_operator_id uuid,                                          -- tenancy user (no FK)
  assignment_mode         varchar(20) CHECK (assignment_mode IN ('AUTO', 'MANUAL')),
  assigned_at             timestamptz,
  assigned_by             varchar(100),                                  -- user id or 'SYSTEM'
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, organization_id),
  UNIQUE (id, business_unit_id),
  FOREIGN KEY (business_unit_id, organization_id, country_code)
    REFERENCES fsm.business_units (id, organization_id, country_code) ON UPDATE CASCADE,
  CONSTRAINT projects_assignment_complete CHECK (responsible_operator_id IS NULL OR (assigned_at IS NOT NULL AND assigned_by IS NOT NULL))
);
CREATE INDEX idx_projects_responsible_operator ON fsm.projects (responsible_operator_id);
CREATE INDEX idx_projects_assignment_mode ON fsm.projects (assignment_mode);
CREATE INDEX idx_projects_customer ON fsm.projects (customer_id);
CREATE INDEX idx_projects_country_bu ON fsm.projects (country_code, business_unit_id);
-- serviceProjects lists most recently updated first.
CREATE INDEX idx_projects_updated_at ON fsm.projects (updated_at DESC, id);

CREATE TABLE fsm.project_ownership_history (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id           uuid NOT NULL,
  organization_id      uuid NOT NULL,
  previous_operator_id uuid,                                             -- tenancy users (no FK)
  new_operator_id      uuid,
  changed_at           timestamptz NOT NULL DEFAULT now(),
  changed_by           varchar(100) NOT NULL,                            -- user id or 'SYSTEM'
  reason               varchar(255),
  FOREIGN KEY (project_id, organization_id) REFERENCES fsm.projects (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT ownership_change_changes CHECK (previous_operator_id IS DISTINCT FROM new_operator_id)
);
CREATE INDEX idx_ownership_history_project ON fsm.project_ownership_history (project_id, changed_at DESC);
CREATE INDEX idx_ownership_history_operator ON fsm.project_ownership_history (new_operator_id);
CREATE INDEX idx_ownership_history_changed_at ON fsm.project_ownership_history (changed_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Service orders with their sales context
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.service_orders (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),

  -- Tenancy
  organization_id               uuid NOT NULL,
  country_code                  varchar(2) NOT NULL REFERENCES fsm.countries (code),
  business_unit_id              uuid NOT NULL,
  store_id                      uuid NOT NULL,

  -- Sales system context
  sales_system_id               uuid NOT NULL REFERENCES fsm.sales_systems (id),
  sales_channel                 varchar(50) NOT NULL,
  sales_order_id                varchar(255) NOT NULL,                   -- the sales system's order id
  sales_order_number            varchar(100),                            -- human-readable
  sales_order_line_id           varchar(255),                            -- line, when one order has several services
  sales_order_metadata          jsonb,

  -- Project and service
  project_id                    uuid,
  service_type                  varchar(50) NOT NULL CHECK (service_type IN ('TV', 'QUOTATION', 'INSTALLATION', 'MAINTENANCE', 'REPAIR')),
  product_category              varchar(100),
  product_sku                   varchar(100),
  product_name                  varchar(500),
  -- Added (see the header): the operator_workload view sums it.
  estimated_duration_minutes    integer CHECK (estimated_duration_minutes > 0),

  -- Customer
  customer_id                   uuid NOT NULL,
  customer_name                 varchar(255),
  customer_phone                varchar(50),
  customer_email                varchar(255),
  service_address               jsonb NOT NULL,

  -- Dates and status
  order_date                    timestamptz NOT NULL,
  requested_date                date,
  scheduled_date                date,
  status                        varchar(50) NOT NULL CHECK (status IN ('CREATED', 'SCHEDULED', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CLOSED', 'CANCELLED')),
  priority                      varchar(10) CHECK (priority IN ('P1', 'P2')),

  -- Financial (in the country's currency)
  order_value_cents             integer CHECK (order_value_cents >= 0),
  service_fee_cents             integer CHECK (service_fee_cents >= 0),

  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),

  -- External sales-system references (v2.0)
  external_sales_order_id       varchar(100),
  external_project_id           varchar(100),
  external_lead_id              varchar(100),
  external_system_source        varchar(50),

  -- Sales potential (v2.0; technical visits and quotations only)
  sales_potential               varchar(20) NOT NULL DEFAULT 'LOW' CHECK (sales_potential IN ('LOW', 'MEDIUM', 'HIGH')),
  sales_potential_score         numeric(5, 2) CHECK (sales_potential_score BETWEEN 0 AND 100),
  sales_potential_updated_at    timestamptz,
  sales_pre_estimation_id       varchar(100),                            -- sales_pre_estimations.id (may arrive later: no FK)
  sales_pre_estimation_value    numeric(12, 2),
  sales_pre_estimation_currency varchar(3),
  salesman_notes                text,

  -- Risk (v2.0)
  risk_level                    varchar(20) NOT NULL DEFAULT 'LOW' CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  risk_score                    numeric(5, 2) CHECK (risk_score BETWEEN 0 AND 100),
  risk_assessed_at              timestamptz,
  risk_factors                  jsonb,                                   -- [{code, description, weight}]
  risk_acknowledged_by          uuid,                                    -- tenancy user (no FK)
  risk_acknowledged_at          timestamptz,

  CONSTRAINT valid_sales_channel CHECK (sales_channel IN ('IN_STORE', 'ONLINE', 'PHONE', 'PARTNER', 'B2B', 'MOBILE_APP')),
  CONSTRAINT risk_acknowledgement_complete CHECK ((risk_acknowledged_by IS NULL) = (risk_acknowledged_at IS NULL)),
  CONSTRAINT scheduled_orders_have_a_date CHECK (scheduled_date IS NOT NULL OR status IN ('CREATED', 'ON_HOLD', 'CANCELLED')),
  UNIQUE (id, organization_id),
  FOREIGN KEY (business_unit_id, organization_id, country_code)
    REFERENCES fsm.business_units (id, organization_id, country_code) ON UPDATE CASCADE,
  FOREIGN KEY (store_id, business_unit_id) REFERENCES fsm.stores (id, business_unit_id),
  FOREIGN KEY (project_id, business_unit_id) REFERENCES fsm.projects (id, business_unit_id) ON DELETE SET NULL (project_id)
);

CREATE INDEX idx_service_orders_country_code ON fsm.service_orders (country_code);
CREATE INDEX idx_service_orders_business_unit_id ON fsm.service_orders (business_unit_id);
CREATE INDEX idx_service_orders_store_id ON fsm.service_orders (store_id);
CREATE INDEX idx_service_orders_sales_system_id ON fsm.service_orders (sales_system_id);
CREATE INDEX idx_service_orders_sales_channel ON fsm.service_orders (sales_channel);
CREATE INDEX idx_service_orders_sales_order_id ON fsm.service_orders (sales_order_id);
CREATE INDEX idx_service_orders_status ON fsm.service_orders (status);
CREATE INDEX idx_service_orders_order_date ON fsm.service_orders (order_date);
CREATE INDEX idx_service_orders_scheduled_date ON fsm.service_orders (scheduled_date) WHERE scheduled_date IS NOT NULL;
CREATE INDEX idx_service_orders_project ON fsm.service_orders (project_id) WHERE project_id IS NOT NULL;
CREATE INDEX idx_service_orders_customer ON fsm.service_orders (customer_id);
CREATE INDEX idx_service_orders_country_bu_store ON fsm.service_orders (country_code, business_unit_id, store_id);
CREATE INDEX idx_service_orders_sales_system_channel ON fsm.service_orders (sales_system_id, sales_channel);
-- The same sales order line cannot arrive twice from one organization's sales system. NULLS NOT
-- DISTINCT: a single-line order has no line id, and the seed's index would let it in twice. The
-- organization is part of the key: two customers' systems may well reuse each other's numbers.
CREATE UNIQUE INDEX idx_service_orders_sales_order_unique
  ON fsm.service_orders (organization_id, sales_system_id, sales_order_id, sales_order_line_id) NULLS NOT DISTINCT;

CREATE INDEX idx_so_external_sales_order ON fsm.service_orders (external_system_source, external_sales_order_id) WHERE external_sales_order_id IS NOT NULL;
CREATE INDEX idx_so_external_project ON fsm.service_orders (external_system_source, external_project_id) WHERE external_project_id IS NOT NULL;
CREATE INDEX idx_so_external_lead ON fsm.service_orders (external_system_source, external_lead_id) WHERE external_lead_id IS NOT NULL;
CREATE INDEX idx_so_sales_potential ON fsm.service_orders (sales_potential) WHERE service_type IN ('TV', 'QUOTATION');
CREATE INDEX idx_so_pre_estimation ON fsm.service_orders (sales_pre_estimation_id) WHERE sales_pre_estimation_id IS NOT NULL;
CREATE INDEX idx_so_risk_level ON fsm.service_orders (risk_level) WHERE risk_level IN ('HIGH', 'CRITICAL');
CREATE INDEX idx_so_risk_assessed_at ON fsm.service_orders (risk_assessed_at);
CREATE INDEX idx_so_dashboard_risk_potential ON fsm.service_orders (risk_level, sales_potential, status, scheduled_date)
  WHERE service_type IN ('TV', 'QUOTATION', 'INSTALLATION');

-- ---------------------------------------------------------------------------------------------
-- Channel rules and the integration audit trail
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.sales_channel_configurations (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  business_unit_id              uuid NOT NULL,
  organization_id               uuid NOT NULL,
  sales_channel                 varchar(50) NOT NULL CHECK (sales_channel IN ('IN_STORE', 'ONLINE', 'PHONE', 'PARTNER', 'B2B', 'MOBILE_APP')),
  sla_p1_hours                  integer CHECK (sla_p1_hours > 0),
  sla_p2_hours                  integer CHECK (sla_p2_hours > 0),
  pricing_markup_percentage     numeric(5, 2),
  discount_percentage           numeric(5, 2) CHECK (discount_percentage BETWEEN 0 AND 100),
  allow_same_day_scheduling     boolean NOT NULL DEFAULT false,
  require_customer_confirmation boolean NOT NULL DEFAULT true,
  auto_assign                   boolean NOT NULL DEFAULT false,
  send_sms_notifications        boolean NOT NULL DEFAULT true,
  send_email_notifications      boolean NOT NULL DEFAULT true,
  notification_language         varchar(10),
  rules                         jsonb,
  is_active                     boolean NOT NULL DEFAULT true,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (business_unit_id, sales_channel),
  FOREIGN KEY (business_unit_id, organization_id) REFERENCES fsm.business_units (id, organization_id) ON UPDATE CASCADE
);
CREATE INDEX idx_sales_channel_config_channel ON fsm.sales_channel_configurations (sales_channel);

CREATE TABLE fsm.sales_system_integration_events (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sales_system_id  uuid NOT NULL REFERENCES fsm.sales_systems (id),
  -- Added (see the header): whose sales-system connection the event came through.
  business_unit_id uuid NOT NULL,
  organization_id  uuid NOT NULL,
  event_type       varchar(100) NOT NULL CHECK (event_type IN ('ORDER_RECEIVED', 'ORDER_UPDATED', 'ORDER_CANCELLED', 'SYNC_ERROR')),
  sales_order_id   varchar(255),
  service_order_id uuid,
  status           varchar(50) NOT NULL CHECK (status IN ('SUCCESS', 'FAILURE', 'PENDING', 'RETRY')),
  payload          jsonb,
  error_message    text,
  retry_count      integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
  processed_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (business_unit_id, organization_id) REFERENCES fsm.business_units (id, organization_id) ON UPDATE CASCADE,
  FOREIGN KEY (service_order_id, organization_id) REFERENCES fsm.service_orders (id, organization_id)
    ON DELETE SET NULL (service_order_id) ON UPDATE CASCADE
);
CREATE INDEX idx_integration_events_sales_system_id ON fsm.sales_system_integration_events (sales_system_id);
CREATE INDEX idx_integration_events_event_type ON fsm.sales_system_integration_events (event_type);
CREATE INDEX idx_integration_events_status ON fsm.sales_system_integration_events (status);
CREATE INDEX idx_integration_events_sales_order_id ON fsm.sales_system_integration_events (sales_order_id);
CREATE INDEX idx_integration_events_service_order ON fsm.sales_system_integration_events (service_order_id, created_at DESC) WHERE service_order_id IS NOT NULL;
CREATE INDEX idx_integration_events_created_at ON fsm.sales_system_integration_events (created_at);

-- ---------------------------------------------------------------------------------------------
-- Pre-estimations and assessments (v2.0)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.sales_pre_estimations (
  id                 varchar(100) PRIMARY KEY,                           -- the sales system's id
  -- The seed's name; it holds the sales system's code (PYXIS), hence the reference to code.
  sales_system_id    varchar(50) NOT NULL REFERENCES fsm.sales_systems (code) ON UPDATE CASCADE,
  -- Added (see the header): the business unit whose salesman made the estimate.
  business_unit_id   uuid NOT NULL,
  organization_id    uuid NOT NULL,
  customer_id        uuid NOT NULL,
  estimated_value    numeric(12, 2) NOT NULL CHECK (estimated_value >= 0),
  currency           varchar(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  product_categories text[] NOT NULL,
  created_at         timestamptz NOT NULL,                               -- when the sales system made it
  valid_until        timestamptz,
  salesman_id        varchar(100),
  salesman_notes     text,
  confidence_level   varchar(20) CHECK (confidence_level IN ('LOW', 'MEDIUM', 'HIGH')),
  metadata           jsonb,
  FOREIGN KEY (business_unit_id, organization_id) REFERENCES fsm.business_units (id, organization_id) ON UPDATE CASCADE
);
CREATE INDEX idx_pre_estimation_customer ON fsm.sales_pre_estimations (customer_id);
CREATE INDEX idx_pre_estimation_value ON fsm.sales_pre_estimations (estimated_value DESC);
CREATE INDEX idx_pre_estimation_system ON fsm.sales_pre_estimations (sales_system_id);
CREATE INDEX idx_pre_estimation_valid_until ON fsm.sales_pre_estimations (valid_until) WHERE valid_until IS NOT NULL;
-- salesPreEstimations lists most recent first.
CREATE INDEX idx_pre_estimation_created_at ON fsm.sales_pre_estimations (created_at DESC);

CREATE TABLE fsm.sales_potential_assessments (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_order_id     uuid NOT NULL,
  organization_id      uuid NOT NULL,
  assessed_at          timestamptz NOT NULL DEFAULT now(),
  potential_level      varchar(20) NOT NULL CHECK (potential_level IN ('LOW', 'MEDIUM', 'HIGH')),
  potential_score      numeric(5, 2) NOT NULL CHECK (potential_score BETWEEN 0 AND 100),
  model_version        varchar(50) NOT NULL,
  input_features       jsonb NOT NULL,
  contributing_factors jsonb NOT NULL,
  FOREIGN KEY (service_order_id, organization_id) REFERENCES fsm.service_orders (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX idx_potential_assessments_so ON fsm.sales_potential_assessments (service_order_id, assessed_at DESC);
CREATE INDEX idx_potential_assessments_level ON fsm.sales_potential_assessments (potential_level, assessed_at);
CREATE INDEX idx_potential_assessments_assessed_at ON fsm.sales_potential_assessments (assessed_at DESC);

CREATE TABLE fsm.risk_assessments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_order_id uuid NOT NULL,
  organization_id  uuid NOT NULL,
  assessed_at      timestamptz NOT NULL DEFAULT now(),
  risk_level       varchar(20) NOT NULL CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  risk_score       numeric(5, 2) NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
  model_version    varchar(50) NOT NULL,
  input_features   jsonb NOT NULL,
  risk_factors     jsonb NOT NULL,                                      -- [{code, description, weight}]
  triggered_by     varchar(50) NOT NULL,                                -- BATCH_JOB, EVENT_CLAIM_FILED, …
  FOREIGN KEY (service_order_id, organization_id) REFERENCES fsm.service_orders (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX idx_risk_assessments_so ON fsm.risk_assessments (service_order_id, assessed_at DESC);
CREATE INDEX idx_risk_assessments_level ON fsm.risk_assessments (risk_level, assessed_at);
CREATE INDEX idx_risk_assessments_assessed_at ON fsm.risk_assessments (assessed_at DESC);
CREATE INDEX idx_risk_assessments_triggered_by ON fsm.risk_assessments (triggered_by);

-- ---------------------------------------------------------------------------------------------
-- External reference mappings (polymorphic: the trigger below keeps them honest)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE fsm.external_reference_mappings (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id         uuid NOT NULL,
  fsm_entity_type         varchar(50) NOT NULL CHECK (fsm_entity_type IN ('SERVICE_ORDER', 'PROJECT', 'CUSTOMER')),
  fsm_entity_id           uuid NOT NULL,
  external_system_source  varchar(50) NOT NULL,                          -- PYXIS, TEMPO, SAP
  external_reference_type varchar(50) NOT NULL CHECK (external_reference_type IN ('SALES_ORDER', 'PROJECT', 'LEAD', 'CUSTOMER', 'PRODUCT')),
  external_reference_id   varchar(100) NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  metadata                jsonb
);
CREATE INDEX idx_external_ref_fsm_entity ON fsm.external_reference_mappings (fsm_entity_type, fsm_entity_id);
CREATE INDEX idx_external_ref_external ON fsm.external_reference_mappings (external_system_source, external_reference_type, external_reference_id);
CREATE INDEX idx_external_ref_created_at ON fsm.external_reference_mappings (created_at DESC);

-- A mapping of a service order or project must name an entity that exists, in the mapping's own
-- organization (filled in when omitted). Customers have no table here: their mappings carry the
-- organization they were given.
CREATE FUNCTION fsm.check_external_reference_entity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner uuid;
BEGIN
  IF NEW.fsm_entity_type = 'SERVICE_ORDER' THEN
    SELECT organization_id INTO owner FROM fsm.service_orders WHERE id = NEW.fsm_entity_id;
  ELSIF NEW.fsm_entity_type = 'PROJECT' THEN
    SELECT organization_id INTO owner FROM fsm.projects WHERE id = NEW.fsm_entity_id;
  ELSE
    RETURN NEW;
  END IF;
  IF owner IS NULL THEN
    RAISE foreign_key_violation USING MESSAGE = format('%s %s does not exist', NEW.fsm_entity_type, NEW.fsm_entity_id);
  END IF;
  IF NEW.organization_id IS NULL THEN
    NEW.organization_id := owner;
  ELSIF NEW.organization_id <> owner THEN
    RAISE check_violation USING MESSAGE = format('%s %s belongs to another organization', NEW.fsm_entity_type, NEW.fsm_entity_id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER external_reference_entity BEFORE INSERT OR UPDATE OF fsm_entity_type, fsm_entity_id, organization_id
  ON fsm.external_reference_mappings FOR EACH ROW EXECUTE FUNCTION fsm.check_external_reference_entity();

-- A deleted order or project takes its mappings with it (what a foreign key would have done).
CREATE FUNCTION fsm.delete_external_references() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM fsm.external_reference_mappings WHERE fsm_entity_type = TG_ARGV[0] AND fsm_entity_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER service_order_external_references AFTER DELETE ON fsm.service_orders
  FOR EACH ROW EXECUTE FUNCTION fsm.delete_external_references('SERVICE_ORDER');
CREATE TRIGGER project_external_references AFTER DELETE ON fsm.projects
  FOR EACH ROW EXECUTE FUNCTION fsm.delete_external_references('PROJECT');

-- ---------------------------------------------------------------------------------------------
-- updated_at
-- ---------------------------------------------------------------------------------------------
CREATE TRIGGER countries_updated_at BEFORE UPDATE ON fsm.countries FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER sales_systems_updated_at BEFORE UPDATE ON fsm.sales_systems FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER business_units_updated_at BEFORE UPDATE ON fsm.business_units FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER stores_updated_at BEFORE UPDATE ON fsm.stores FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER business_unit_sales_systems_updated_at BEFORE UPDATE ON fsm.business_unit_sales_systems FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER projects_updated_at BEFORE UPDATE ON fsm.projects FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER service_orders_updated_at BEFORE UPDATE ON fsm.service_orders FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER sales_channel_configurations_updated_at BEFORE UPDATE ON fsm.sales_channel_configurations FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Row-level security. Tenant rows: visible to members of their organization and to admins;
-- anonymous callers belong to no organization and see none. The same rule guards writes
-- (WITH CHECK), so nobody writes into an organization they are not a member of.
-- Master data: readable by everyone, written by admins only.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY[
    'business_units', 'stores', 'business_unit_sales_systems', 'projects', 'project_ownership_history',
    'service_orders', 'sales_channel_configurations', 'sales_system_integration_events',
    'sales_pre_estimations', 'sales_potential_assessments', 'risk_assessments', 'external_reference_mappings'
  ] LOOP
    EXECUTE format('ALTER TABLE fsm.%I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE fsm.%I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY organization_members ON fsm.%I
         USING (organization_id = ANY (platform.current_org_ids()) OR platform.is_admin())
         WITH CHECK (organization_id = ANY (platform.current_org_ids()) OR platform.is_admin())',
      tenant_table);
  END LOOP;

  FOREACH tenant_table IN ARRAY ARRAY['countries', 'sales_systems'] LOOP
    EXECUTE format('ALTER TABLE fsm.%I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE fsm.%I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('CREATE POLICY public_read ON fsm.%I FOR SELECT USING (true)', tenant_table);
    EXECUTE format('CREATE POLICY admin_write ON fsm.%I USING (platform.is_admin()) WITH CHECK (platform.is_admin())', tenant_table);
  END LOOP;
END $$;

-- The fsm subgraph's queries run as this role (see prisma/src/domains.ts).
SELECT platform.ensure_role('sixfold_fsm');
SELECT platform.grant_domain_access('sixfold_fsm', 'fsm');
