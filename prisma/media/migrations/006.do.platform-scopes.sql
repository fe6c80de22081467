-- Processing workers (API keys with `media:process`) and billing systems (`media:billing`) handle
-- every user's media. The subgraph used to let them through by raising their requests to the admin
-- flag; the platform's identity settings now carry API-key scopes (platform.has_scope()), so the
-- policies say it themselves and those requests run as who they are. Same rows visible as before.

CREATE FUNCTION media.sees_all_media() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT platform.is_admin() OR platform.has_scope('media:process') OR platform.has_scope('media:billing')
$$;

ALTER POLICY accounts_owner ON media.accounts
  USING (user_id = platform.current_user_id() OR media.sees_all_media())
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());

ALTER POLICY media_files_owner ON media.media_files
  USING (user_id = platform.current_user_id() OR media.sees_all_media())
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());

ALTER POLICY media_embeddings_owner ON media.media_embeddings
  USING (media.sees_all_media() OR EXISTS (
    SELECT 1 FROM media.media_files f WHERE f.id = media_embeddings.media_file_id AND f.user_id = platform.current_user_id()))
  WITH CHECK (media.sees_all_media() OR EXISTS (
    SELECT 1 FROM media.media_files f WHERE f.id = media_embeddings.media_file_id AND f.user_id = platform.current_user_id()));

ALTER POLICY processing_jobs_owner ON media.processing_jobs
  USING (user_id = platform.current_user_id() OR media.sees_all_media())
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());

ALTER POLICY search_history_owner ON media.search_history
  USING (user_id = platform.current_user_id() OR media.sees_all_media())
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());

ALTER POLICY cost_tracking_owner ON media.cost_tracking
  USING (user_id = platform.current_user_id() OR media.sees_all_media())
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());

ALTER POLICY audit_logs_read ON media.audit_logs
  USING (user_id = platform.current_user_id() OR media.sees_all_media());
ALTER POLICY audit_logs_append ON media.audit_logs
  WITH CHECK (user_id = platform.current_user_id() OR media.sees_all_media());
