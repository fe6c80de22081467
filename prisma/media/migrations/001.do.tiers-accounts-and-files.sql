-- Media (seed 002, "AI Media Search"): subscription tiers, per-user media accounts, media files.
--
-- Users belong to tenancy. The seed's `users` table mixes identity (firebase_uid, email,
-- display_name, avatar_url: tenancy's, not repeated here) with media's own per-user state
-- (subscription, usage counters, billing period, Stripe ids): that state is `media.accounts`,
-- keyed by the tenancy user id, with no foreign key across domains.
CREATE SCHEMA IF NOT EXISTS media;

-- ---------------------------------------------------------------------------------------------
-- Tiers: public reference data (no RLS). Rows ship with the migration, not the demo seed,
-- because limit enforcement depends on them in every database. -1 means unlimited.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE media.usage_limits (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tier_name                  varchar(20) NOT NULL UNIQUE CHECK (tier_name IN ('free', 'premium', 'ultimate')),
  max_uploads_per_month      integer NOT NULL,
  max_searches_per_month     integer NOT NULL,
  max_storage_bytes          bigint NOT NULL,
  max_file_size_bytes        bigint NOT NULL,
  max_video_duration_seconds integer,
  priority_level             integer NOT NULL DEFAULT 5,
  features_enabled           text[] NOT NULL DEFAULT '{}',
  ai_features_enabled        text[] NOT NULL DEFAULT '{}',
  max_monthly_cost           numeric(10,2),
  cost_alert_threshold       numeric(5,4) DEFAULT 0.8,
  -- Per hour.
  api_rate_limit             integer NOT NULL DEFAULT 100,
  upload_rate_limit          integer NOT NULL DEFAULT 10,
  search_rate_limit          integer NOT NULL DEFAULT 50,
  support_level              varchar(20) NOT NULL DEFAULT 'community' CHECK (support_level IN ('community', 'email', 'priority')),
  effective_from             timestamptz NOT NULL DEFAULT now(),
  effective_until            timestamptz,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  -- The seed's positive_limits reads ">= 0" yet its ultimate row stores -1 for "unlimited", which
  -- that check would reject: -1 is allowed explicitly for the two monthly counters.
  CONSTRAINT positive_limits CHECK (
    max_uploads_per_month >= -1 AND
    max_searches_per_month >= -1 AND
    max_storage_bytes >= 0 AND
    max_file_size_bytes > 0
  ),
  CONSTRAINT valid_priority CHECK (priority_level >= 1 AND priority_level <= 10),
  CONSTRAINT valid_cost_threshold CHECK (cost_alert_threshold > 0.0 AND cost_alert_threshold <= 1.0)
);

INSERT INTO media.usage_limits (tier_name, max_uploads_per_month, max_searches_per_month, max_storage_bytes, max_file_size_bytes, max_video_duration_seconds, priority_level, features_enabled, ai_features_enabled, max_monthly_cost, api_rate_limit, upload_rate_limit, search_rate_limit, support_level) VALUES
  ('free', 10, 50, 5368709120, 104857600, 300, 5, '{"basic_upload", "basic_search"}', '{"basic_analysis"}', 5.00, 100, 5, 50, 'community'),
  ('premium', 100, 500, 53687091200, 524288000, 1800, 3, '{"advanced_upload", "advanced_search", "export", "sharing"}', '{"full_analysis", "celebrity_detection", "content_moderation"}', 50.00, 500, 20, 200, 'email'),
  ('ultimate', -1, -1, 536870912000, 2147483648, 7200, 1, '{"all_features"}', '{"all_ai_features", "custom_models", "api_access"}', 200.00, 1000, 50, 500, 'priority');

-- ---------------------------------------------------------------------------------------------
-- Accounts: the seed's `users`, minus what tenancy owns.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE media.accounts (
  user_id                 uuid PRIMARY KEY,  -- tenancy's user id (auth.users.id); no cross-domain FK
  subscription_tier       varchar(20) NOT NULL DEFAULT 'free' CHECK (subscription_tier IN ('free', 'premium', 'ultimate'))
                            REFERENCES media.usage_limits (tier_name),
  subscription_status     varchar(20) NOT NULL DEFAULT 'active' CHECK (subscription_status IN ('active', 'inactive', 'cancelled', 'suspended')),
  subscription_started_at timestamptz,
  subscription_ends_at    timestamptz,
  stripe_customer_id      varchar(255) UNIQUE,
  stripe_subscription_id  varchar(255),
  uploads_this_month      integer NOT NULL DEFAULT 0,
  searches_this_month     integer NOT NULL DEFAULT 0,
  storage_used_bytes      bigint NOT NULL DEFAULT 0,
  last_activity_at        timestamptz DEFAULT now(),
  billing_period_start    timestamptz DEFAULT now(),
  billing_period_end      timestamptz DEFAULT (now() + interval '1 month'),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  deleted_at              timestamptz,
  CONSTRAINT positive_storage CHECK (storage_used_bytes >= 0),
  CONSTRAINT positive_usage CHECK (uploads_this_month >= 0 AND searches_this_month >= 0)
);
-- The seed also indexes stripe_customer_id; its UNIQUE constraint's index already serves lookups.
CREATE INDEX idx_accounts_subscription_tier ON media.accounts (subscription_tier);
CREATE INDEX idx_accounts_subscription_status ON media.accounts (subscription_status);
CREATE INDEX idx_accounts_last_activity ON media.accounts (last_activity_at);
CREATE INDEX idx_accounts_billing_period ON media.accounts (billing_period_start, billing_period_end);

-- ---------------------------------------------------------------------------------------------
-- Media files.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE media.media_files (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                 uuid NOT NULL REFERENCES media.accounts (user_id) ON DELETE CASCADE,
  filename                varchar(255) NOT NULL,
  original_filename       varchar(255) NOT NULL,
  file_type               varchar(10) NOT NULL CHECK (file_type IN ('image', 'video')),
  mime_type               varchar(100) NOT NULL,
  file_size_bytes         bigint NOT NULL,
  s3_key                  varchar(500) NOT NULL UNIQUE,
  s3_bucket               varchar(100) NOT NULL,
  thumbnail_s3_key        varchar(500),
  status                  varchar(20) NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'processing', 'completed', 'failed', 'deleted')),
  processing_started_at   timestamptz,
  processing_completed_at timestamptz,
  processing_error        text,
  width                   integer,
  height                  integer,
  duration_seconds        numeric(10,3),
  frame_rate              numeric(5,2),
  has_audio               boolean DEFAULT false,
  ai_summary              text,
  detected_labels         jsonb DEFAULT '[]'::jsonb,
  detected_faces_count    integer DEFAULT 0,
  detected_text           text[],
  transcription_text      text,
  sentiment               varchar(20) CHECK (sentiment IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED')),
  content_warnings        text[],
  tags                    text[],
  custom_metadata         jsonb DEFAULT '{}'::jsonb,
  is_private              boolean NOT NULL DEFAULT false,
  view_count              integer NOT NULL DEFAULT 0,
  last_viewed_at          timestamptz,
  uploaded_at             timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  deleted_at              timestamptz,
  CONSTRAINT positive_file_size CHECK (file_size_bytes > 0),
  CONSTRAINT valid_dimensions CHECK (width > 0 AND height > 0),
  CONSTRAINT valid_duration CHECK (duration_seconds >= 0),
  CONSTRAINT valid_frame_rate CHECK (frame_rate > 0),
  CONSTRAINT positive_face_count CHECK (detected_faces_count >= 0),
  CONSTRAINT positive_view_count CHECK (view_count >= 0)
);
-- The seed's (user_id) index, widened to the order every per-user page is read in
-- (`User.mediaFiles`: newest first), so a page is an index range scan.
CREATE INDEX idx_media_files_user_id ON media.media_files (user_id, uploaded_at DESC, id DESC);
CREATE INDEX idx_media_files_file_type ON media.media_files (file_type);
CREATE INDEX idx_media_files_status ON media.media_files (status);
CREATE INDEX idx_media_files_uploaded_at ON media.media_files (uploaded_at);
-- (The seed's idx_media_files_s3_key duplicates the UNIQUE constraint's index: left out.)
CREATE INDEX idx_media_files_tags ON media.media_files USING gin (tags);
CREATE INDEX idx_media_files_detected_labels ON media.media_files USING gin (detected_labels);
CREATE INDEX idx_media_files_custom_metadata ON media.media_files USING gin (custom_metadata);
CREATE INDEX idx_media_files_processing_status ON media.media_files (status, processing_started_at);
CREATE INDEX idx_media_files_active ON media.media_files (user_id, uploaded_at)
  WHERE status = 'completed' AND deleted_at IS NULL;
-- Text search over what a person would type: names, the AI summary, the transcript.
CREATE INDEX idx_media_files_search_text ON media.media_files
  USING gin ((filename || ' ' || coalesce(ai_summary, '') || ' ' || coalesce(transcription_text, '')) gin_trgm_ops);

CREATE TRIGGER accounts_updated_at BEFORE UPDATE ON media.accounts FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER media_files_updated_at BEFORE UPDATE ON media.media_files FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER usage_limits_updated_at BEFORE UPDATE ON media.usage_limits FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- Storage and upload counters follow the files themselves, whoever writes them (API, seed,
-- admin tools), so they cannot drift: a new file counts toward the month's uploads and the
-- storage used; a file that is deleted (soft, by deleted_at, or hard) gives its bytes back.
CREATE FUNCTION media.track_account_usage() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE media.accounts
       SET uploads_this_month = uploads_this_month + 1,
           storage_used_bytes = storage_used_bytes + CASE WHEN NEW.deleted_at IS NULL THEN NEW.file_size_bytes ELSE 0 END,
           last_activity_at = now()
     WHERE user_id = NEW.user_id;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
      UPDATE media.accounts SET storage_used_bytes = greatest(storage_used_bytes - OLD.file_size_bytes, 0) WHERE user_id = OLD.user_id;
    ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
      UPDATE media.accounts SET storage_used_bytes = storage_used_bytes + NEW.file_size_bytes WHERE user_id = NEW.user_id;
    END IF;
  ELSIF TG_OP = 'DELETE' AND OLD.deleted_at IS NULL THEN
    UPDATE media.accounts SET storage_used_bytes = greatest(storage_used_bytes - OLD.file_size_bytes, 0) WHERE user_id = OLD.user_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER media_files_track_usage AFTER INSERT OR DELETE OR UPDATE OF deleted_at ON media.media_files
  FOR EACH ROW EXECUTE FUNCTION media.track_account_usage();

-- The seed's reset_monthly_usage(): starts a new billing period for every account whose period
-- ended. pg_cron schedules it where installed (below); otherwise the subgraph's maintenance loop
-- calls it (subgraphs/media/src/maintenance.ts). Runs as the caller: the system identity is admin.
CREATE FUNCTION media.reset_monthly_usage() RETURNS integer
LANGUAGE sql AS $$
  WITH due AS (
    -- The start of the period now running: periods stay aligned to the account's billing day,
    -- however late the reset runs.
    SELECT user_id, billing_period_end + make_interval(months => (
             extract(year FROM age(now(), billing_period_end)) * 12 + extract(month FROM age(now(), billing_period_end)))::integer) AS period_start
      FROM media.accounts
     WHERE billing_period_end <= now()
  ), reset AS (
    UPDATE media.accounts a
       SET uploads_this_month = 0,
           searches_this_month = 0,
           billing_period_start = due.period_start,
           billing_period_end = due.period_start + interval '1 month'
      FROM due
     WHERE a.user_id = due.user_id
    RETURNING 1
  )
  SELECT count(*)::integer FROM reset
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security: a user sees and changes only their own account and files; admins all;
-- anonymous callers (no user id) nothing. Tiers are public.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE media.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY accounts_owner ON media.accounts FOR ALL
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

ALTER TABLE media.media_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.media_files FORCE ROW LEVEL SECURITY;
CREATE POLICY media_files_owner ON media.media_files FOR ALL
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

-- The media subgraph's queries run as this role (see prisma/src/domains.ts).
SELECT platform.ensure_role('sixfold_media');
SELECT platform.grant_domain_access('sixfold_media', 'media');
-- Tiers change by migration, not through the API.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON media.usage_limits FROM sixfold_media;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    PERFORM cron.schedule('media-reset-monthly-usage', '0 * * * *', 'SELECT media.reset_monthly_usage()');
  END IF;
END $$;
