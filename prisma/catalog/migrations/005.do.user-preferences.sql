-- Catalog: each signed-in user's directory preferences (seed 000, "Core Tables" and
-- "Row-Level Security"). Seed 000 keys them by an anonymous identifier; here the key is the
-- tenancy user id (an id only: no key crosses domains), and row-level security lets a user see
-- and change only their own row.

CREATE TABLE catalog.user_preferences (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL UNIQUE,
  preferred_locale    varchar(10) NOT NULL DEFAULT 'en-US',
  preferred_region    varchar(20) CHECK (preferred_region ~ '^[a-z]+(-[a-z0-9]+)+$'),
  preferred_currency  varchar(3) NOT NULL DEFAULT 'USD' CHECK (preferred_currency ~ '^[A-Z]{3}$'),
  favorite_models     uuid[] NOT NULL DEFAULT '{}',
  display_preferences jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(display_preferences) = 'object'),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
-- The UNIQUE constraint is seed 000's idx_user_prefs_identifier.
CREATE TRIGGER user_preferences_updated_at BEFORE UPDATE ON catalog.user_preferences FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

ALTER TABLE catalog.user_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE catalog.user_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY user_preferences_owner ON catalog.user_preferences
  FOR ALL
  USING (user_id = platform.current_user_id())
  WITH CHECK (user_id = platform.current_user_id());
CREATE POLICY user_preferences_admin ON catalog.user_preferences
  FOR ALL
  USING (platform.is_admin())
  WITH CHECK (platform.is_admin());
