-- Tenancy: accounts (schema auth) and the workspaces they share (schema app), as seed 001 lays
-- them out, plus API keys (seed 000) owned by a user. Departures from the seed, and why:
--   * Flags, statuses and timestamps that always have a value are NOT NULL.
--   * users.display_name comes from seed 002 (the graph's User.displayName).
--   * Partitioned tables carry their partition key in the primary key (Postgres requires it);
--     comments and attachments refer to tasks by id without a foreign key for the same reason.
--   * auth.roles may not be named `authenticator`: that word is reserved for the identity the
--     subgraph's own credential checks run as (see 003).
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA IF NOT EXISTS audit;

-- ---------------------------------------------------------------------------------------------
-- auth
-- ---------------------------------------------------------------------------------------------
CREATE TABLE auth.users (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email                 varchar(255) NOT NULL UNIQUE,
  email_verified        boolean NOT NULL DEFAULT false,
  phone                 varchar(50),
  phone_verified        boolean NOT NULL DEFAULT false,
  password_hash         varchar(255) NOT NULL,
  display_name          varchar(255),
  first_name            varchar(100),
  last_name             varchar(100),
  avatar_url            text,
  locale                varchar(10) NOT NULL DEFAULT 'en',
  timezone              varchar(50) NOT NULL DEFAULT 'UTC',
  status                varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
  last_login_at         timestamptz,
  last_login_ip         inet,
  failed_login_attempts integer NOT NULL DEFAULT 0 CHECK (failed_login_attempts >= 0),
  locked_until          timestamptz,
  metadata              jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz,
  -- Addresses are compared case-insensitively; they are stored lower-cased.
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);

CREATE TABLE auth.roles (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        varchar(50) NOT NULL UNIQUE CHECK (name <> 'authenticator'),
  description text,
  permissions jsonb NOT NULL DEFAULT '[]'::jsonb,
  is_system   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth.user_roles (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  role_id    uuid NOT NULL REFERENCES auth.roles(id) ON DELETE CASCADE,
  granted_by uuid REFERENCES auth.users(id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  UNIQUE (user_id, role_id)
);

CREATE TABLE auth.sessions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  -- SHA-256 of the bearer token: session tokens are long random strings, so a fast hash is safe
  -- and lets the token be looked up directly.
  token_hash         varchar(255) NOT NULL UNIQUE,
  refresh_token_hash varchar(255),
  device_info        jsonb,
  ip_address         inet,
  user_agent         text,
  last_activity_at   timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth.password_reset_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  token_hash varchar(255) NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth.email_verification_tokens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  token_hash  varchar(255) NOT NULL UNIQUE,
  email       varchar(255) NOT NULL,
  expires_at  timestamptz NOT NULL,
  verified_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Seed 000's api_keys, owned by a user. The bearer form is `sfk_<id>_<secret>`: the id finds the
-- row, the secret is checked against key_hash (argon2id). The secret itself is never stored.
CREATE TABLE auth.api_keys (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  name         varchar(100) NOT NULL,
  key_hash     varchar(255) NOT NULL,
  -- The first characters of the key, shown in listings so people can tell keys apart.
  key_prefix   varchar(20) NOT NULL,
  scopes       text[] NOT NULL DEFAULT '{}',
  -- Requests per rate-limit window (an hour, as seed 000's counters expire).
  rate_limit   integer NOT NULL DEFAULT 1000 CHECK (rate_limit > 0),
  last_used_at timestamptz,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  is_active    boolean NOT NULL DEFAULT true
);

-- ---------------------------------------------------------------------------------------------
-- app
-- ---------------------------------------------------------------------------------------------
CREATE TABLE app.organizations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(255) NOT NULL,
  slug          varchar(100) NOT NULL UNIQUE,
  description   text,
  logo_url      text,
  website_url   text,
  industry      varchar(100),
  size          varchar(50),
  settings      jsonb NOT NULL DEFAULT '{}'::jsonb,
  billing_email varchar(255),
  status        varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'trial', 'suspended', 'deleted')),
  trial_ends_at timestamptz,
  created_by    uuid REFERENCES auth.users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz
);

CREATE TABLE app.organization_members (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES app.organizations(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  role            varchar(50) NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  invited_by      uuid REFERENCES auth.users(id),
  invited_at      timestamptz NOT NULL DEFAULT now(),
  joined_at       timestamptz,
  status          varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'suspended', 'removed')),
  UNIQUE (organization_id, user_id)
);

CREATE TABLE app.projects (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES app.organizations(id) ON DELETE CASCADE,
  name            varchar(255) NOT NULL,
  slug            varchar(100) NOT NULL,
  description     text,
  status          varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
  visibility      varchar(20) NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'organization', 'public')),
  settings        jsonb NOT NULL DEFAULT '{}'::jsonb,
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  start_date      date,
  end_date        date,
  created_by      uuid REFERENCES auth.users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  UNIQUE (organization_id, slug)
);

-- Partitioned by month of creation; partitions are made by app.create_monthly_partitions (002).
CREATE TABLE app.tasks (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id      uuid NOT NULL REFERENCES app.projects(id) ON DELETE CASCADE,
  parent_task_id  uuid,
  title           varchar(500) NOT NULL,
  description     text,
  status          varchar(50) NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'review', 'done', 'blocked', 'cancelled')),
  priority        varchar(20) NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  assignee_id     uuid REFERENCES auth.users(id),
  reporter_id     uuid REFERENCES auth.users(id),
  due_date        timestamptz,
  estimated_hours numeric(10, 2),
  actual_hours    numeric(10, 2),
  tags            text[] NOT NULL DEFAULT '{}',
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  position        integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  deleted_at      timestamptz,
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE app.comments (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id           uuid NOT NULL,
  user_id           uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  parent_comment_id uuid REFERENCES app.comments(id) ON DELETE CASCADE,
  content           text NOT NULL,
  mentions          uuid[] NOT NULL DEFAULT '{}',
  attachments       jsonb NOT NULL DEFAULT '[]'::jsonb,
  is_edited         boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  deleted_at        timestamptz
);

CREATE TABLE app.attachments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id          uuid,
  comment_id       uuid REFERENCES app.comments(id) ON DELETE CASCADE,
  uploaded_by      uuid NOT NULL REFERENCES auth.users(id),
  file_name        varchar(255) NOT NULL,
  file_size        bigint NOT NULL CHECK (file_size >= 0),
  mime_type        varchar(100) NOT NULL,
  storage_path     text NOT NULL,
  storage_provider varchar(50) NOT NULL DEFAULT 'gcs',
  checksum         varchar(64),
  metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz,
  CHECK (task_id IS NOT NULL OR comment_id IS NOT NULL)
);

-- Partitioned by month of creation, like tasks.
CREATE TABLE app.notifications (
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  type       varchar(50) NOT NULL,
  title      varchar(255) NOT NULL,
  message    text,
  link       text,
  metadata   jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_read    boolean NOT NULL DEFAULT false,
  read_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- ---------------------------------------------------------------------------------------------
-- Indexes (seed 001, "Indexing Strategy")
-- ---------------------------------------------------------------------------------------------
CREATE INDEX idx_users_status ON auth.users (status) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_created_at ON auth.users (created_at DESC);
CREATE INDEX idx_users_last_login ON auth.users (last_login_at DESC NULLS LAST);
CREATE INDEX idx_users_fulltext ON auth.users USING gin (
  to_tsvector('english', COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || COALESCE(email, '')));

CREATE INDEX idx_sessions_user_id ON auth.sessions (user_id);
CREATE INDEX idx_sessions_expires_at ON auth.sessions (expires_at);
CREATE INDEX idx_sessions_last_activity ON auth.sessions (last_activity_at DESC);

CREATE INDEX idx_user_roles_user_id ON auth.user_roles (user_id);
CREATE INDEX idx_user_roles_role_id ON auth.user_roles (role_id);
CREATE INDEX idx_user_roles_expires_at ON auth.user_roles (expires_at) WHERE expires_at IS NOT NULL;

CREATE INDEX idx_password_reset_tokens_user ON auth.password_reset_tokens (user_id);
CREATE INDEX idx_email_verification_tokens_user ON auth.email_verification_tokens (user_id);
CREATE INDEX idx_api_keys_user ON auth.api_keys (user_id, created_at DESC);

CREATE INDEX idx_organizations_status ON app.organizations (status) WHERE deleted_at IS NULL;
CREATE INDEX idx_organizations_created_by ON app.organizations (created_by);
CREATE INDEX idx_organizations_trial_ends ON app.organizations (trial_ends_at) WHERE trial_ends_at IS NOT NULL;
CREATE INDEX idx_organizations_fulltext ON app.organizations USING gin (
  to_tsvector('english', COALESCE(name, '') || ' ' || COALESCE(description, '')));

CREATE INDEX idx_org_members_org_id ON app.organization_members (organization_id);
CREATE INDEX idx_org_members_user_id ON app.organization_members (user_id);
CREATE INDEX idx_org_members_role ON app.organization_members (role);
CREATE INDEX idx_org_members_status ON app.organization_members (status);

CREATE INDEX idx_projects_org_id ON app.projects (organization_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_projects_slug ON app.projects (slug);
CREATE INDEX idx_projects_status ON app.projects (status) WHERE deleted_at IS NULL;
CREATE INDEX idx_projects_created_by ON app.projects (created_by);
CREATE INDEX idx_projects_visibility ON app.projects (visibility);
CREATE INDEX idx_projects_dates ON app.projects (start_date, end_date);
CREATE INDEX idx_projects_fulltext ON app.projects USING gin (
  to_tsvector('english', COALESCE(name, '') || ' ' || COALESCE(description, '')));

-- On the partitioned table, so every partition gets them.
CREATE INDEX idx_tasks_id ON app.tasks (id);
CREATE INDEX idx_tasks_project_id ON app.tasks (project_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_assignee_id ON app.tasks (assignee_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_reporter_id ON app.tasks (reporter_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_status ON app.tasks (status) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_priority ON app.tasks (priority) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_due_date ON app.tasks (due_date) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_parent_task ON app.tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;
CREATE INDEX idx_tasks_project_status_priority ON app.tasks (project_id, status, priority DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_tasks_fulltext ON app.tasks USING gin (
  to_tsvector('english', COALESCE(title, '') || ' ' || COALESCE(description, '')));
CREATE INDEX idx_tasks_tags ON app.tasks USING gin (tags);
CREATE INDEX idx_tasks_metadata ON app.tasks USING gin (metadata);

CREATE INDEX idx_comments_task_id ON app.comments (task_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_comments_user_id ON app.comments (user_id);
CREATE INDEX idx_comments_parent_id ON app.comments (parent_comment_id) WHERE parent_comment_id IS NOT NULL;
CREATE INDEX idx_comments_created_at ON app.comments (created_at DESC);
CREATE INDEX idx_comments_fulltext ON app.comments USING gin (to_tsvector('english', content));

CREATE INDEX idx_attachments_task_id ON app.attachments (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX idx_attachments_comment_id ON app.attachments (comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX idx_attachments_uploaded_by ON app.attachments (uploaded_by);
CREATE INDEX idx_attachments_mime_type ON app.attachments (mime_type);

CREATE INDEX idx_notifications_user_id ON app.notifications (user_id);
CREATE INDEX idx_notifications_is_read ON app.notifications (is_read) WHERE is_read = false;
CREATE INDEX idx_notifications_created_at ON app.notifications (created_at DESC);
CREATE INDEX idx_notifications_type ON app.notifications (type);
CREATE INDEX idx_notifications_user_unread ON app.notifications (user_id, created_at DESC) WHERE is_read = false;

-- updated_at stays honest.
CREATE TRIGGER users_updated_at BEFORE UPDATE ON auth.users FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER roles_updated_at BEFORE UPDATE ON auth.roles FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER organizations_updated_at BEFORE UPDATE ON app.organizations FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER projects_updated_at BEFORE UPDATE ON app.projects FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON app.tasks FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
CREATE TRIGGER comments_updated_at BEFORE UPDATE ON app.comments FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- The tenancy subgraph's queries run as this role (see prisma/src/domains.ts).
SELECT platform.ensure_role('sixfold_tenancy');
SELECT platform.grant_domain_access('sixfold_tenancy', 'auth');
SELECT platform.grant_domain_access('sixfold_tenancy', 'app');
SELECT platform.grant_domain_access('sixfold_tenancy', 'audit');
