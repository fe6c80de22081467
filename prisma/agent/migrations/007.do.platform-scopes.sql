-- API-key scopes now come with the platform's identity settings (platform.has_scope(),
-- platform.current_scopes()), so the agent's own reader of `app.current_scopes` goes. Same rules.

-- Administers the agent's registries and its task queue: global admins and `agent:admin` keys.
CREATE OR REPLACE FUNCTION agent.is_agent_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT platform.is_admin() OR platform.has_scope('agent:admin')
$$;

-- Any caller who is somebody: a user, an admin, or a service holding scopes. Anonymous is not.
CREATE OR REPLACE FUNCTION agent.is_signed_in() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT platform.current_user_id() IS NOT NULL OR platform.is_admin()
      OR cardinality(platform.current_scopes()) > 0
$$;

-- Work on the queue: agent admins and workers (`agent:worker` keys).
CREATE OR REPLACE FUNCTION agent.is_task_operator() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT agent.is_agent_admin() OR platform.has_scope('agent:worker')
$$;

DROP FUNCTION agent.has_scope(text);
