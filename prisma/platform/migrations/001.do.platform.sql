-- What every domain's SQL relies on. Owned by no subgraph; changed rarely and carefully.

-- Extensions the seeds use. PostGIS, pgvector and TimescaleDB are optional: domains that can use
-- them detect them at migration time and fall back when they are absent.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE SCHEMA IF NOT EXISTS platform;
GRANT USAGE ON SCHEMA platform TO PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- The caller, as each subgraph sets it at the start of a request's transaction
-- (packages/kit/src/db/request-db.ts). Row-level security policies in every domain call these.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION platform.current_user_id() RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN NULLIF(current_setting('app.current_user_id', true), '')::uuid;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION platform.current_org_ids() RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(string_to_array(NULLIF(current_setting('app.current_org_ids', true), ''), ',')::uuid[], '{}')
$$;

CREATE OR REPLACE FUNCTION platform.has_role(role_name text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT role_name = ANY(string_to_array(COALESCE(current_setting('app.current_roles', true), ''), ','))
$$;

CREATE OR REPLACE FUNCTION platform.is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(current_setting('app.is_admin', true), 'off') = 'on'
$$;

-- Keeps updated_at honest on every table that has one.
CREATE OR REPLACE FUNCTION platform.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

-- Creates a subgraph's database role if it does not exist. Roles are cluster-wide, so two
-- databases (or two concurrent migrators) may race to create the same one: that is fine.
CREATE OR REPLACE FUNCTION platform.ensure_role(role_name text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS', role_name);
  END IF;
  -- The migrating (connecting) role must be able to SET ROLE to it.
  EXECUTE format('GRANT %I TO %I', role_name, current_user);
EXCEPTION WHEN unique_violation OR duplicate_object THEN
  NULL;
END $$;

-- Grants a subgraph role the use of its domain's schema: data access only, no DDL.
CREATE OR REPLACE FUNCTION platform.grant_domain_access(role_name text, schema_name text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, role_name);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', schema_name, role_name);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', schema_name, role_name);
  EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', schema_name, role_name);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', schema_name, role_name);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', schema_name, role_name);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO %I', schema_name, role_name);
END $$;

-- What the demo seed did, so `pnpm start` seeds an empty database exactly once.
CREATE TABLE IF NOT EXISTS platform.seed_runs (
  id serial PRIMARY KEY,
  scale integer NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
