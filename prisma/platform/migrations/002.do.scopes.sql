-- The caller's API-key scopes, set with the other identity settings at the start of a request's
-- transaction (`app.current_scopes`, packages/kit/src/db/request-db.ts): empty for session logins
-- and the system itself, which carry all of their user's rights.
CREATE OR REPLACE FUNCTION platform.current_scopes() RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(string_to_array(NULLIF(current_setting('app.current_scopes', true), ''), ','), '{}')
$$;

CREATE OR REPLACE FUNCTION platform.has_scope(scope text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT scope = ANY(platform.current_scopes())
$$;
