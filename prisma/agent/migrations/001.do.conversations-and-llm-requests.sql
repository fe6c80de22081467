-- Agent: conversation sessions, the LLM provider registry, requests and their responses
-- (seed 003 "Core Tables" 2–5, migrations 001–002 of its history).
--
-- Adapted to the graph: users belong to tenancy. The seed's `users` columns (username, email,
-- password hash, API key, role) are authentication, which tenancy owns; nothing in that table is
-- agent-specific, so the agent keeps no user table at all, only `user_id` columns holding
-- tenancy's user ids (no foreign key crosses domains).
CREATE SCHEMA IF NOT EXISTS agent;

-- The agent subgraph's queries run as this role (see prisma/src/domains.ts). Granted first, so the
-- default privileges it sets up cover every object the migrations below create.
SELECT platform.ensure_role('sixfold_agent');
SELECT platform.grant_domain_access('sixfold_agent', 'agent');

-- ---------------------------------------------------------------------------------------------
-- Who may do what, beyond the platform helpers. API-key scopes are not part of the platform's
-- session settings, so the subgraph sets `app.current_scopes` itself (src/db.ts) when the caller
-- has any; these read it.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION agent.has_scope(scope text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT scope = ANY(string_to_array(COALESCE(current_setting('app.current_scopes', true), ''), ','))
$$;

-- Administers the agent's registries and its task queue: global admins and `agent:admin` keys.
CREATE FUNCTION agent.is_agent_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT platform.is_admin() OR agent.has_scope('agent:admin')
$$;

-- Any caller who is somebody: a user, an admin, or a service holding scopes. Anonymous is not.
CREATE FUNCTION agent.is_signed_in() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT platform.current_user_id() IS NOT NULL OR platform.is_admin()
      OR COALESCE(current_setting('app.current_scopes', true), '') <> ''
$$;

-- ---------------------------------------------------------------------------------------------
-- Conversation sessions (the seed's `user_sessions`). Renamed: these are a user's conversations
-- with the agent (context, injected memory, request count), not login sessions, which tenancy
-- owns as `auth.sessions`.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE agent.conversation_sessions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL,                       -- tenancy user id
  -- The client's handle for the conversation. Not a credential: who may use a conversation is
  -- decided by the caller's identity and row-level security, never by knowing this value.
  session_token  varchar(255) NOT NULL UNIQUE,
  context        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(context) = 'object'),
  memory_id      uuid,                                -- agent.cognee_memories (FK added in 004)
  status         varchar(50) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'revoked')),
  request_count  integer NOT NULL DEFAULT 0 CHECK (request_count >= 0),
  last_activity  timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT conversation_sessions_expire_after_creation CHECK (expires_at > created_at),
  -- Target of the (session, user) foreign keys below: a request or memory can only join a
  -- conversation of its own user.
  CONSTRAINT conversation_sessions_id_user_key UNIQUE (id, user_id)
);
-- Seed idx_sessions_user_id, ordered as conversations are listed; idx_sessions_token is the
-- UNIQUE constraint's index.
CREATE INDEX idx_sessions_user_id ON agent.conversation_sessions (user_id, created_at DESC, id);
CREATE INDEX idx_sessions_status ON agent.conversation_sessions (status);

-- ---------------------------------------------------------------------------------------------
-- LLM providers: the ensemble's registry (name, weight, health). `api_key` is stored for the
-- workers that call providers, but the subgraph's role cannot read it (column privileges below),
-- and the graph has no field for it: callers see only `has_api_key`.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE agent.llm_providers (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                  varchar(255) NOT NULL UNIQUE,
  type                  varchar(100) NOT NULL,
  api_key               varchar(255),
  has_api_key           boolean NOT NULL GENERATED ALWAYS AS (api_key IS NOT NULL) STORED,
  base_url              varchar(500),
  model                 varchar(255),
  weight                numeric(5,2) NOT NULL DEFAULT 1.0 CHECK (weight >= 0),
  enabled               boolean NOT NULL DEFAULT true,
  config                jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
  health_status         varchar(50) NOT NULL DEFAULT 'unknown' CHECK (health_status IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
  response_time         bigint NOT NULL DEFAULT 0 CHECK (response_time >= 0),   -- last response, ms
  modelsdev_provider_id varchar(255),
  -- The catalog provider this registry entry serves (catalog.providers.id; an id, no foreign key).
  catalog_provider_id   uuid,
  total_models          integer NOT NULL DEFAULT 0 CHECK (total_models >= 0),
  enabled_models        integer NOT NULL DEFAULT 0 CHECK (enabled_models >= 0),
  last_models_sync      timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT llm_providers_enabled_within_total CHECK (enabled_models <= total_models)
);
CREATE INDEX idx_llm_providers_enabled ON agent.llm_providers (enabled, health_status);
CREATE TRIGGER llm_providers_updated_at BEFORE UPDATE ON agent.llm_providers FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- Every column but the secret. A column added later must be granted here too (a new migration).
REVOKE SELECT ON agent.llm_providers FROM sixfold_agent;
GRANT SELECT (id, name, type, has_api_key, base_url, model, weight, enabled, config, health_status, response_time,
              modelsdev_provider_id, catalog_provider_id, total_models, enabled_models, last_models_sync, created_at, updated_at)
  ON agent.llm_providers TO sixfold_agent;

-- ---------------------------------------------------------------------------------------------
-- LLM requests and the providers' responses (several per request in ensemble mode, one selected).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE agent.llm_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id      uuid,
  user_id         uuid NOT NULL,                      -- tenancy user id
  prompt          text NOT NULL CHECK (length(prompt) > 0),
  messages        jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(messages) = 'array'),
  model_params    jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(model_params) = 'object'),
  ensemble_config jsonb CHECK (ensemble_config IS NULL OR jsonb_typeof(ensemble_config) = 'object'),
  memory_enhanced boolean NOT NULL DEFAULT false,
  memory          jsonb NOT NULL DEFAULT '{}'::jsonb,
  status          varchar(50) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  completed_at    timestamptz,
  request_type    varchar(50) NOT NULL DEFAULT 'completion' CHECK (request_type ~ '^[a-z][a-z_]*$'),
  CONSTRAINT llm_requests_session_of_same_user FOREIGN KEY (session_id, user_id)
    REFERENCES agent.conversation_sessions (id, user_id) ON DELETE CASCADE,
  -- A request is finished exactly when it has a completion time.
  CONSTRAINT llm_requests_finished_when_completed CHECK ((status IN ('completed', 'failed')) = (completed_at IS NOT NULL)),
  CONSTRAINT llm_requests_started_before_completed CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at)
);
-- Seed idx_requests_user_id, in the order User.llmRequests pages through.
CREATE INDEX idx_requests_user_id ON agent.llm_requests (user_id, created_at DESC, id);
CREATE INDEX idx_requests_session_id ON agent.llm_requests (session_id, created_at DESC, id);
CREATE INDEX idx_requests_status ON agent.llm_requests (status);
CREATE INDEX idx_requests_created_at ON agent.llm_requests (created_at);

CREATE TABLE agent.llm_responses (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id        uuid NOT NULL REFERENCES agent.llm_requests(id) ON DELETE CASCADE,
  provider_id       uuid REFERENCES agent.llm_providers(id) ON DELETE SET NULL,
  provider_name     varchar(255) NOT NULL,              -- kept when the provider is removed
  content           text NOT NULL,
  raw_response      jsonb NOT NULL DEFAULT '{}'::jsonb,
  tokens_prompt     integer NOT NULL DEFAULT 0 CHECK (tokens_prompt >= 0),
  tokens_completion integer NOT NULL DEFAULT 0 CHECK (tokens_completion >= 0),
  tokens_total      integer NOT NULL DEFAULT 0,
  confidence        numeric(5,4) NOT NULL DEFAULT 0.0 CHECK (confidence BETWEEN 0 AND 1),
  response_time     bigint NOT NULL DEFAULT 0 CHECK (response_time >= 0),   -- ms
  finish_reason     varchar(50),
  selected          boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT llm_responses_tokens_add_up CHECK (tokens_total = tokens_prompt + tokens_completion)
);
CREATE INDEX idx_responses_request_id ON agent.llm_responses (request_id, created_at);
CREATE INDEX idx_responses_provider_id ON agent.llm_responses (provider_id);
-- Seed idx_responses_selected (partial, selected only), made unique: one ensemble winner per request.
CREATE UNIQUE INDEX idx_responses_selected ON agent.llm_responses (request_id) WHERE selected;

-- ---------------------------------------------------------------------------------------------
-- Row-level security. A user's conversations, requests and responses are theirs alone; admins
-- (and the system) see all; anonymous callers none.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE agent.conversation_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.conversation_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY conversation_sessions_owner ON agent.conversation_sessions
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

ALTER TABLE agent.llm_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.llm_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY llm_requests_owner ON agent.llm_requests
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

-- Responses belong to their request's user. Only the system (admin) records what a provider
-- answered; the owner may choose the winner among them (an update).
ALTER TABLE agent.llm_responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.llm_responses FORCE ROW LEVEL SECURITY;
CREATE POLICY llm_responses_read ON agent.llm_responses FOR SELECT
  USING (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.llm_requests r WHERE r.id = request_id AND r.user_id = platform.current_user_id()));
CREATE POLICY llm_responses_select_winner ON agent.llm_responses FOR UPDATE
  USING (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.llm_requests r WHERE r.id = request_id AND r.user_id = platform.current_user_id()));
CREATE POLICY llm_responses_system_writes ON agent.llm_responses FOR INSERT WITH CHECK (platform.is_admin());
CREATE POLICY llm_responses_system_deletes ON agent.llm_responses FOR DELETE USING (platform.is_admin());

-- The registry is readable by anyone signed in (they pick providers), never by anonymous callers
-- (it describes internal infrastructure), and written by agent admins only.
ALTER TABLE agent.llm_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.llm_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY llm_providers_read ON agent.llm_providers FOR SELECT USING (agent.is_signed_in());
CREATE POLICY llm_providers_admin ON agent.llm_providers USING (agent.is_agent_admin()) WITH CHECK (agent.is_agent_admin());
