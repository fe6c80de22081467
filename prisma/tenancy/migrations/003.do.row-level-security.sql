-- Row-level security for every tenancy table (seed 001, "Row-Level Security"): enabled AND forced,
-- so not even the tables' owner reads past it.
--
-- The seed's helper functions keep their names and meaning, but they read the caller from the
-- request's settings (packages/kit/src/db/request-db.ts) instead of querying membership and role
-- tables on every row:
--   * auth.current_user_id()          = platform.current_user_id()
--   * auth.has_role(name)             = the identity's global roles (platform.has_role). The gateway
--                                       builds them from auth.user_roles (unexpired rows) when it
--                                       verifies a credential, and a role change revokes the cached
--                                       identity at once; every domain then sees the same roles
--                                       without reading tenancy's tables, and policies cost no
--                                       per-row subquery (nor SECURITY DEFINER to avoid recursion).
--   * app.is_organization_member(org) = org is one of the identity's organizations (active
--                                       memberships, resolved and revoked the same way).
--   * app.get_organization_role(org)  = the caller's role in org, read from organization_members
--                                       (fresh: who may administer an organization is decided on
--                                       the current row, not a cached one).
--   * app.can_access_project(project) = public, or the caller's organization's, or admin.
--
-- Departures from the seed's policies: writes need membership of the project's organization
-- (the seed let anyone who could *see* a public project add tasks and comments to it); admins see
-- everything (the seed hid notifications even from them); attachments, sessions, tokens, roles and
-- API keys get policies (the seed enabled RLS on some without any). Credential checks (log in,
-- sign up, verifying a bearer token) run as the `authenticator` service identity, which may read
-- and maintain credentials and nothing else.

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION auth.current_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT platform.current_user_id() $$;

CREATE OR REPLACE FUNCTION auth.has_role(role_name text) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT platform.has_role(role_name) $$;

-- The subgraph's own credential service (never a user: users always carry an id).
CREATE OR REPLACE FUNCTION auth.is_authenticator() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT platform.has_role('authenticator') AND platform.current_user_id() IS NULL $$;

CREATE OR REPLACE FUNCTION app.is_organization_member(org_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT org_id = ANY (platform.current_org_ids()) $$;

CREATE OR REPLACE FUNCTION app.get_organization_role(org_id uuid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT m.role FROM app.organization_members m
   WHERE m.organization_id = org_id AND m.user_id = platform.current_user_id() AND m.status = 'active'
   LIMIT 1
$$;

CREATE OR REPLACE FUNCTION app.can_access_project(proj_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM app.projects p
     WHERE p.id = proj_id
       AND (p.visibility = 'public' OR app.is_organization_member(p.organization_id) OR platform.is_admin()))
$$;

-- Writing into a project (tasks, comments, attachments) takes membership of its organization.
CREATE OR REPLACE FUNCTION app.is_project_member(proj_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM app.projects p WHERE p.id = proj_id AND app.is_organization_member(p.organization_id))
$$;

CREATE OR REPLACE FUNCTION app.can_access_task(task uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM app.tasks t WHERE t.id = task AND app.can_access_project(t.project_id)) $$;

CREATE OR REPLACE FUNCTION app.is_task_member(task uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM app.tasks t WHERE t.id = task AND app.is_project_member(t.project_id)) $$;

-- Whether `other` belongs (or is invited) to one of the caller's organizations.
CREATE OR REPLACE FUNCTION app.shares_organization_with(other uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM app.organization_members m
     WHERE m.user_id = other AND m.status IN ('pending', 'active') AND app.is_organization_member(m.organization_id))
$$;

-- Accepting an invitation changes only the status of the caller's own pending membership; a
-- policy cannot limit an UPDATE to one column, so this is the only way in.
CREATE OR REPLACE FUNCTION app.accept_invitation(org_id uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH accepted AS (
    UPDATE app.organization_members SET status = 'active', joined_at = now()
     WHERE organization_id = org_id AND user_id = platform.current_user_id() AND status = 'pending'
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM accepted)
$$;

-- Creating an organization makes its creator the owner, in one step: before it, nobody could be
-- allowed to add members to it.
CREATE OR REPLACE FUNCTION app.create_organization(org_name text, org_slug text, org_description text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  creator uuid := platform.current_user_id();
  org_id uuid;
BEGIN
  IF creator IS NULL THEN
    RAISE EXCEPTION 'only users create organizations' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO app.organizations (name, slug, description, created_by) VALUES (org_name, org_slug, org_description, creator)
  RETURNING id INTO org_id;
  INSERT INTO app.organization_members (organization_id, user_id, role, status, joined_at)
  VALUES (org_id, creator, 'owner', 'active', now());
  RETURN org_id;
END $$;

-- Invites an existing account by address (owners and admins of the organization, or admins).
-- Finding an account by address takes seeing every account, which callers cannot; this does only
-- that, for this purpose. Returns the membership, or NULL when no account has that address.
CREATE OR REPLACE FUNCTION app.invite_member(org_id uuid, invitee_email text, member_role text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  invitee uuid;
  membership uuid;
BEGIN
  IF NOT (app.get_organization_role(org_id) IN ('owner', 'admin') OR platform.is_admin()) THEN
    RAISE EXCEPTION 'only owners and admins of the organization invite' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT id INTO invitee FROM auth.users WHERE email = lower(invitee_email) AND status = 'active' AND deleted_at IS NULL;
  IF invitee IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO app.organization_members AS m (organization_id, user_id, role, status, invited_by, invited_at)
  VALUES (org_id, invitee, member_role, 'pending', platform.current_user_id(), now())
  ON CONFLICT (organization_id, user_id) DO UPDATE
     SET role = EXCLUDED.role, status = 'pending', invited_by = EXCLUDED.invited_by, invited_at = now(), joined_at = NULL
   WHERE m.status = 'removed'
  RETURNING id INTO membership;
  IF membership IS NULL THEN
    RAISE EXCEPTION 'already a member or invited' USING ERRCODE = 'unique_violation';
  END IF;
  RETURN membership;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Enable and force
-- ---------------------------------------------------------------------------------------------
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.users FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.roles FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.user_roles FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.password_reset_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.password_reset_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.email_verification_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.email_verification_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE auth.api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE app.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.organizations FORCE ROW LEVEL SECURITY;
ALTER TABLE app.organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.organization_members FORCE ROW LEVEL SECURITY;
ALTER TABLE app.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.projects FORCE ROW LEVEL SECURITY;
ALTER TABLE app.tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE app.comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.comments FORCE ROW LEVEL SECURITY;
ALTER TABLE app.attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.attachments FORCE ROW LEVEL SECURITY;
ALTER TABLE app.notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.notifications FORCE ROW LEVEL SECURITY;
ALTER TABLE audit.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.audit_log FORCE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------------------------------------
-- auth
-- ---------------------------------------------------------------------------------------------
-- Users: yourself, the people of your organizations, everyone for admins (seed 001).
CREATE POLICY users_select ON auth.users FOR SELECT
  USING (id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator() OR app.shares_organization_with(id));
CREATE POLICY users_insert ON auth.users FOR INSERT
  WITH CHECK (auth.is_authenticator() OR auth.has_role('admin'));
CREATE POLICY users_update ON auth.users FOR UPDATE
  USING (id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator())
  WITH CHECK (id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator());
CREATE POLICY users_delete ON auth.users FOR DELETE USING (auth.has_role('admin'));

-- Role definitions are reference data everyone may read; only admins change them.
CREATE POLICY roles_select ON auth.roles FOR SELECT USING (true);
CREATE POLICY roles_write ON auth.roles FOR ALL USING (auth.has_role('admin')) WITH CHECK (auth.has_role('admin'));

CREATE POLICY user_roles_select ON auth.user_roles FOR SELECT
  USING (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator());
CREATE POLICY user_roles_write ON auth.user_roles FOR ALL USING (auth.has_role('admin')) WITH CHECK (auth.has_role('admin'));

-- Sessions: your own (to list and end them), and the credential service's.
CREATE POLICY sessions_owner ON auth.sessions FOR ALL
  USING (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator())
  WITH CHECK (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator());

-- One-time tokens are the credential service's business only.
CREATE POLICY password_reset_tokens_service ON auth.password_reset_tokens FOR ALL
  USING (auth.is_authenticator() OR auth.has_role('admin')) WITH CHECK (auth.is_authenticator() OR auth.has_role('admin'));
CREATE POLICY email_verification_tokens_service ON auth.email_verification_tokens FOR ALL
  USING (auth.is_authenticator() OR auth.has_role('admin')) WITH CHECK (auth.is_authenticator() OR auth.has_role('admin'));

-- API keys: your own. Only the credential service and admins see other people's.
CREATE POLICY api_keys_select ON auth.api_keys FOR SELECT
  USING (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator());
CREATE POLICY api_keys_insert ON auth.api_keys FOR INSERT
  WITH CHECK (user_id = auth.current_user_id() OR auth.has_role('admin'));
CREATE POLICY api_keys_update ON auth.api_keys FOR UPDATE
  USING (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator())
  WITH CHECK (user_id = auth.current_user_id() OR auth.has_role('admin') OR auth.is_authenticator());
CREATE POLICY api_keys_delete ON auth.api_keys FOR DELETE
  USING (user_id = auth.current_user_id() OR auth.has_role('admin'));

-- ---------------------------------------------------------------------------------------------
-- app
-- ---------------------------------------------------------------------------------------------
-- Organizations: members see theirs; someone invited sees the one inviting them; a creator sees
-- what they created before their next request carries the new membership.
CREATE POLICY organizations_select ON app.organizations FOR SELECT
  USING (app.is_organization_member(id) OR auth.has_role('admin') OR created_by = auth.current_user_id()
         OR EXISTS (SELECT 1 FROM app.organization_members m
                     WHERE m.organization_id = organizations.id AND m.user_id = auth.current_user_id() AND m.status = 'pending'));
CREATE POLICY organizations_insert ON app.organizations FOR INSERT
  WITH CHECK ((auth.current_user_id() IS NOT NULL AND created_by = auth.current_user_id()) OR auth.has_role('admin'));
CREATE POLICY organizations_update ON app.organizations FOR UPDATE
  USING (app.get_organization_role(id) IN ('owner', 'admin') OR auth.has_role('admin'));
CREATE POLICY organizations_delete ON app.organizations FOR DELETE
  USING (app.get_organization_role(id) = 'owner' OR auth.has_role('admin'));

-- Members: the members of your organizations, and your own memberships (invitations included).
CREATE POLICY organization_members_select ON app.organization_members FOR SELECT
  USING (app.is_organization_member(organization_id) OR user_id = auth.current_user_id()
         OR auth.has_role('admin') OR auth.is_authenticator());
CREATE POLICY organization_members_insert ON app.organization_members FOR INSERT
  WITH CHECK (app.get_organization_role(organization_id) IN ('owner', 'admin') OR auth.has_role('admin'));
CREATE POLICY organization_members_update ON app.organization_members FOR UPDATE
  USING (app.get_organization_role(organization_id) IN ('owner', 'admin') OR auth.has_role('admin'))
  WITH CHECK (app.get_organization_role(organization_id) IN ('owner', 'admin') OR auth.has_role('admin'));
CREATE POLICY organization_members_delete ON app.organization_members FOR DELETE
  USING (app.get_organization_role(organization_id) IN ('owner', 'admin') OR auth.has_role('admin'));

-- Projects: by visibility and membership (seed 001).
CREATE POLICY projects_select ON app.projects FOR SELECT
  USING (visibility = 'public' OR app.is_organization_member(organization_id) OR auth.has_role('admin'));
CREATE POLICY projects_insert ON app.projects FOR INSERT
  WITH CHECK ((app.is_organization_member(organization_id) AND created_by = auth.current_user_id()) OR auth.has_role('admin'));
CREATE POLICY projects_update ON app.projects FOR UPDATE
  USING (app.get_organization_role(organization_id) IN ('owner', 'admin', 'member') OR auth.has_role('admin'));
CREATE POLICY projects_delete ON app.projects FOR DELETE
  USING (app.get_organization_role(organization_id) IN ('owner', 'admin') OR auth.has_role('admin'));

-- Tasks: whoever can see the project sees its tasks; its organization's members work on them.
CREATE POLICY tasks_select ON app.tasks FOR SELECT
  USING (app.can_access_project(project_id) OR auth.has_role('admin'));
CREATE POLICY tasks_insert ON app.tasks FOR INSERT
  WITH CHECK ((app.is_project_member(project_id) AND reporter_id = auth.current_user_id()) OR auth.has_role('admin'));
CREATE POLICY tasks_update ON app.tasks FOR UPDATE
  USING (auth.has_role('admin') OR (app.is_project_member(project_id) AND (
           assignee_id = auth.current_user_id() OR reporter_id = auth.current_user_id()
           OR app.get_organization_role((SELECT p.organization_id FROM app.projects p WHERE p.id = project_id)) IN ('owner', 'admin'))));
CREATE POLICY tasks_delete ON app.tasks FOR DELETE
  USING (auth.has_role('admin') OR (app.is_project_member(project_id) AND (
           reporter_id = auth.current_user_id()
           OR app.get_organization_role((SELECT p.organization_id FROM app.projects p WHERE p.id = project_id)) IN ('owner', 'admin'))));

-- Comments: visible with their task; written by members as themselves.
CREATE POLICY comments_select ON app.comments FOR SELECT
  USING (app.can_access_task(task_id) OR auth.has_role('admin'));
CREATE POLICY comments_insert ON app.comments FOR INSERT
  WITH CHECK (user_id = auth.current_user_id() AND app.is_task_member(task_id));
CREATE POLICY comments_update ON app.comments FOR UPDATE
  USING (user_id = auth.current_user_id()) WITH CHECK (user_id = auth.current_user_id());
CREATE POLICY comments_delete ON app.comments FOR DELETE
  USING (user_id = auth.current_user_id() OR auth.has_role('admin'));

-- Attachments: visible with their task or comment.
CREATE POLICY attachments_select ON app.attachments FOR SELECT
  USING (auth.has_role('admin')
         OR (task_id IS NOT NULL AND app.can_access_task(task_id))
         OR (comment_id IS NOT NULL AND EXISTS (SELECT 1 FROM app.comments c WHERE c.id = attachments.comment_id)));
CREATE POLICY attachments_insert ON app.attachments FOR INSERT
  WITH CHECK (uploaded_by = auth.current_user_id()
              AND ((task_id IS NOT NULL AND app.is_task_member(task_id))
                   OR (comment_id IS NOT NULL AND EXISTS (SELECT 1 FROM app.comments c WHERE c.id = attachments.comment_id AND app.is_task_member(c.task_id)))));
CREATE POLICY attachments_delete ON app.attachments FOR DELETE
  USING (uploaded_by = auth.current_user_id() OR auth.has_role('admin'));

-- Notifications: your own. Anyone may notify the people of their organizations (mentions, invitations).
CREATE POLICY notifications_select ON app.notifications FOR SELECT
  USING (user_id = auth.current_user_id() OR auth.has_role('admin'));
CREATE POLICY notifications_update ON app.notifications FOR UPDATE
  USING (user_id = auth.current_user_id()) WITH CHECK (user_id = auth.current_user_id());
CREATE POLICY notifications_insert ON app.notifications FOR INSERT
  WITH CHECK (user_id = auth.current_user_id() OR app.shares_organization_with(user_id) OR auth.has_role('admin'));
CREATE POLICY notifications_delete ON app.notifications FOR DELETE
  USING (user_id = auth.current_user_id() OR auth.has_role('admin'));

-- ---------------------------------------------------------------------------------------------
-- audit: admins read; only the trigger (SECURITY DEFINER) writes; nobody changes a line.
-- ---------------------------------------------------------------------------------------------
CREATE POLICY audit_log_select ON audit.audit_log FOR SELECT USING (auth.has_role('admin'));
CREATE POLICY audit_log_insert ON audit.audit_log FOR INSERT WITH CHECK (true);
