-- A taken slug is the caller's conflict, not a server error. The subgraph cannot check for it
-- first: row-level security hides other people's organizations, and two creators may race. The
-- insert itself decides (the unique index sees every row), and a NULL answer tells the caller
-- the slug is taken, with nothing written.
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
  ON CONFLICT (slug) DO NOTHING
  RETURNING id INTO org_id;
  IF org_id IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO app.organization_members (organization_id, user_id, role, status, joined_at)
  VALUES (org_id, creator, 'owner', 'active', now());
  RETURN org_id;
END $$;
