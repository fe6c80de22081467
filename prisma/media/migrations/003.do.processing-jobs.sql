-- Media: background processing jobs (analysis, transcription, embeddings) and their lifecycle:
--   pending → processing → completed
--                        ↘ retrying (retry_at, backoff) → processing … → failed (attempts = max_attempts)
-- Workers claim jobs with `FOR UPDATE SKIP LOCKED` in (priority, queued_at) order, so any number
-- of them share one queue without ever claiming the same job twice (subgraphs/media/src/jobs/).
CREATE TABLE media.processing_jobs (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  media_file_id           uuid NOT NULL REFERENCES media.media_files (id) ON DELETE CASCADE,
  user_id                 uuid NOT NULL REFERENCES media.accounts (user_id) ON DELETE CASCADE,
  job_type                varchar(50) NOT NULL CHECK (job_type IN ('image_analysis', 'video_analysis', 'transcription', 'text_analysis', 'embedding_generation')),
  status                  varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'retrying')),
  priority                integer NOT NULL DEFAULT 5,  -- 1 = highest, 10 = lowest
  progress_percentage     integer NOT NULL DEFAULT 0 CHECK (progress_percentage >= 0 AND progress_percentage <= 100),
  estimated_completion_at timestamptz,
  job_config              jsonb DEFAULT '{}'::jsonb,
  subscription_tier       varchar(20) NOT NULL,
  attempts                integer NOT NULL DEFAULT 0,
  max_attempts            integer NOT NULL DEFAULT 3,
  retry_at                timestamptz,
  result_data             jsonb,
  error_message           text,
  error_code              varchar(50),
  estimated_cost          numeric(10,4),
  actual_cost             numeric(10,4),
  cost_currency           varchar(3) DEFAULT 'USD',
  queued_at               timestamptz NOT NULL DEFAULT now(),
  started_at              timestamptz,
  completed_at            timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT valid_priority CHECK (priority >= 1 AND priority <= 10),
  CONSTRAINT valid_attempts CHECK (attempts <= max_attempts),
  CONSTRAINT positive_cost CHECK (estimated_cost >= 0 AND actual_cost >= 0),
  -- A job waiting for its retry says when.
  CONSTRAINT retrying_has_retry_at CHECK (status <> 'retrying' OR retry_at IS NOT NULL)
);
CREATE INDEX idx_processing_jobs_media_file_id ON media.processing_jobs (media_file_id);
CREATE INDEX idx_processing_jobs_user_id ON media.processing_jobs (user_id);
CREATE INDEX idx_processing_jobs_status ON media.processing_jobs (status);
CREATE INDEX idx_processing_jobs_job_type ON media.processing_jobs (job_type);
CREATE INDEX idx_processing_jobs_priority ON media.processing_jobs (priority, queued_at);
CREATE INDEX idx_processing_jobs_retry ON media.processing_jobs (retry_at) WHERE retry_at IS NOT NULL;
CREATE INDEX idx_processing_jobs_subscription_tier ON media.processing_jobs (subscription_tier);
-- The claim query's own path: only claimable jobs, already in claim order.
CREATE INDEX idx_processing_jobs_claimable ON media.processing_jobs (priority, queued_at)
  WHERE status IN ('pending', 'retrying');

CREATE TRIGGER processing_jobs_updated_at BEFORE UPDATE ON media.processing_jobs FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

ALTER TABLE media.processing_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.processing_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY processing_jobs_owner ON media.processing_jobs FOR ALL
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());
