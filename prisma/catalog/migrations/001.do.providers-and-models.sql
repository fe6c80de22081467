-- Catalog: providers and their models (seed 000, "Core Tables" and "Full-Text Search Configuration").
CREATE SCHEMA IF NOT EXISTS catalog;

-- Seed 000 also indexes providers(slug), models(slug) and benchmark_suites(slug); their UNIQUE
-- constraints already are those indexes, so they are not created twice here.

CREATE TABLE catalog.providers (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug              varchar(50)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name              varchar(100) NOT NULL CHECK (btrim(name) <> ''),
  logo_url          varchar(500),
  website_url       varchar(500),
  status_page_url   varchar(500),
  documentation_url varchar(500),
  regions           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(regions) = 'array'),  -- ["us-east", "eu-west", …]
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_providers_regions ON catalog.providers USING gin (regions);

CREATE TABLE catalog.models (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id       uuid NOT NULL REFERENCES catalog.providers(id) ON DELETE CASCADE,
  -- OpenRouter-style slugs keep their dots ("claude-3.5-sonnet"), so ai_models ids map onto them.
  slug              varchar(100) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+([-.][a-z0-9]+)*$'),
  name              jsonb NOT NULL,          -- {"en-US": "GPT-4o", "zh-CN": "…"}
  description       jsonb,                   -- localized like name
  foundation_model  varchar(100),
  released_at       date,
  deprecated_at     date,
  sunset_at         date,
  modalities        text[] NOT NULL DEFAULT '{}',  -- text, image, audio, video
  capabilities      text[] NOT NULL DEFAULT '{}',  -- function_calling, streaming, …
  context_window    integer CHECK (context_window > 0),
  max_output_tokens integer CHECK (max_output_tokens > 0),
  training_cutoff   date,
  api_version       varchar(50),
  is_active         boolean NOT NULL DEFAULT true,
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- Weighted full-text document (seed 000): names weigh A, descriptions B. English names and
  -- descriptions are also stemmed; every locale's text is indexed unstemmed ('simple'), so
  -- "通义千问" finds Qwen. A generated column rather than the seed's trigger: it cannot go stale.
  search_vector     tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, COALESCE(name ->> 'en-US', '')), 'A') ||
    setweight(jsonb_to_tsvector('simple'::regconfig, name, '["string"]'), 'A') ||
    setweight(to_tsvector('english'::regconfig, COALESCE(description ->> 'en-US', '')), 'B') ||
    setweight(jsonb_to_tsvector('simple'::regconfig, COALESCE(description, '{}'::jsonb), '["string"]'), 'B')
  ) STORED,
  -- What the trigram fallback compares a misspelt query with.
  search_text       text GENERATED ALWAYS AS (lower(COALESCE(name ->> 'en-US', '') || ' ' || slug)) STORED,
  CONSTRAINT models_name_has_en_us CHECK (jsonb_typeof(name) = 'object' AND name ? 'en-US'),
  CONSTRAINT models_lifecycle_order CHECK (
    (deprecated_at IS NULL OR released_at IS NULL OR deprecated_at >= released_at) AND
    (sunset_at IS NULL OR deprecated_at IS NULL OR sunset_at >= deprecated_at)
  )
);
CREATE INDEX idx_models_provider ON catalog.models (provider_id);
CREATE INDEX idx_models_foundation ON catalog.models (foundation_model);
CREATE INDEX idx_models_active ON catalog.models (is_active);
CREATE INDEX idx_models_modalities ON catalog.models USING gin (modalities);
CREATE INDEX idx_models_capabilities ON catalog.models USING gin (capabilities);
CREATE INDEX idx_models_search ON catalog.models USING gin (search_vector);
CREATE INDEX idx_models_search_trgm ON catalog.models USING gin (search_text gin_trgm_ops);
-- Stable sorts the directory offers (each ends on id, the tiebreaker).
CREATE INDEX idx_models_name_en ON catalog.models ((lower(name ->> 'en-US')), id);
CREATE INDEX idx_models_released ON catalog.models (released_at DESC NULLS LAST, id);
CREATE INDEX idx_models_context_window ON catalog.models (context_window, id);
ALTER TABLE catalog.models SET (autovacuum_vacuum_scale_factor = 0.1);

CREATE TRIGGER providers_updated_at BEFORE UPDATE ON catalog.providers FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER models_updated_at BEFORE UPDATE ON catalog.models FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- The catalog subgraph's queries run as this role (see prisma/src/domains.ts).
SELECT platform.ensure_role('sixfold_catalog');
SELECT platform.grant_domain_access('sixfold_catalog', 'catalog');
