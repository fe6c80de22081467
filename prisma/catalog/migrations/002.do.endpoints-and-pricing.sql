-- Catalog: where each model is served, and what it costs (seed 000, "Core Tables").

-- Model endpoints by region. Within a region a model has one endpoint; across regions, clients
-- fail over in ascending priority.
CREATE TABLE catalog.model_endpoints (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id     uuid NOT NULL REFERENCES catalog.models(id) ON DELETE CASCADE,
  region       varchar(20)  NOT NULL CHECK (region ~ '^[a-z]+(-[a-z0-9]+)+$'),
  endpoint_url varchar(500) NOT NULL CHECK (endpoint_url ~ '^https?://'),
  is_active    boolean NOT NULL DEFAULT true,
  priority     integer NOT NULL DEFAULT 100 CHECK (priority >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (model_id, region)
);
-- The UNIQUE constraint is seed 000's idx_endpoints_model_region (model_id, region).
CREATE INDEX idx_endpoints_model_priority ON catalog.model_endpoints (model_id, priority, region);

-- Prices by tier and region (NULL region = the global price, used where a region has none).
-- A price is in effect on the days [effective_from, effective_to): effective_to is the first day
-- of the next price, NULL while it is current. For one model, tier and region, the periods never
-- overlap, so "the price in effect on a day" is always one row.
CREATE TABLE catalog.pricing (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id                uuid NOT NULL REFERENCES catalog.models(id) ON DELETE CASCADE,
  tier                    varchar(50) NOT NULL CHECK (tier ~ '^[a-z][a-z0-9_]*$'),  -- standard, enterprise, academic
  region                  varchar(20) CHECK (region ~ '^[a-z]+(-[a-z0-9]+)+$'),
  currency                varchar(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),  -- ISO 4217
  input_per_million       numeric(10, 4) CHECK (input_per_million >= 0),
  output_per_million      numeric(10, 4) CHECK (output_per_million >= 0),
  image_per_unit          numeric(10, 4) CHECK (image_per_unit >= 0),
  audio_per_minute        numeric(10, 4) CHECK (audio_per_minute >= 0),
  video_per_minute        numeric(10, 4) CHECK (video_per_minute >= 0),
  fine_tuning_per_million numeric(10, 4) CHECK (fine_tuning_per_million >= 0),
  -- [{"minMillionTokens": 100, "discountPercent": "5.00"}, …], ascending thresholds
  volume_discounts        jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(volume_discounts) = 'array'),
  effective_from          date NOT NULL,
  effective_to            date,
  metadata                jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pricing_effective_range CHECK (effective_to IS NULL OR effective_to > effective_from),
  CONSTRAINT pricing_no_overlap EXCLUDE USING gist (
    model_id WITH =,
    tier WITH =,
    (COALESCE(region, '')) WITH =,
    daterange(effective_from, effective_to) WITH &&
  )
);
CREATE INDEX idx_pricing_model ON catalog.pricing (model_id);
CREATE INDEX idx_pricing_region ON catalog.pricing (region);
CREATE INDEX idx_pricing_effective ON catalog.pricing (effective_from, effective_to);

-- The prices in effect today, one per model, tier and region (the directory's `pricing` field
-- picks the caller's region and falls back to the global row per tier).
CREATE VIEW catalog.current_pricing AS
SELECT p.*
FROM catalog.pricing p
WHERE p.effective_from <= CURRENT_DATE
  AND (p.effective_to IS NULL OR p.effective_to > CURRENT_DATE);
