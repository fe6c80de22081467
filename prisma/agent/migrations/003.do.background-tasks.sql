-- Agent: the background task queue and its dead-letter queue (seed 003 "Background Tasks" 9–10,
-- migration 012 of its history).
--
-- Workers claim tasks with FOR UPDATE SKIP LOCKED in priority order (the enum's order: critical
-- first), then by scheduled time. A failed attempt is retried (rescheduled) until max_retries is
-- spent; then the task becomes `dead_letter` and a copy goes to the dead-letter queue, in the
-- same transaction (src/tasks.ts).

CREATE TYPE agent.task_status AS ENUM (
  'pending', 'queued', 'running', 'paused',
  'completed', 'failed', 'stuck', 'cancelled', 'dead_letter'
);

CREATE TYPE agent.task_priority AS ENUM (
  'critical', 'high', 'normal', 'low', 'background'
);

CREATE TABLE agent.background_tasks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_type     varchar(100) NOT NULL CHECK (task_type ~ '^[a-z][a-z0-9_.:-]*$'),
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object'),
  status        agent.task_status NOT NULL DEFAULT 'pending',
  priority      agent.task_priority NOT NULL DEFAULT 'normal',
  worker_id     varchar(255),
  retry_count   integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
  max_retries   integer NOT NULL DEFAULT 3 CHECK (max_retries BETWEEN 0 AND 100),
  error_message text,
  result        jsonb,
  scheduled_at  timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  completed_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Not in the seed. The queue is the system's, but a user may enqueue work of their own (an
  -- export, a re-index of their memories) and follow it: those tasks name the tenancy user who
  -- asked, and row-level security lets that user see them. NULL for system tasks.
  created_by    uuid,
  -- Not in the seed: one entry per failed attempt ({attempt, error, workerId, failedAt}), which
  -- the dead-letter queue's retry_history is copied from.
  retry_history jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(retry_history) = 'array'),
  CONSTRAINT background_tasks_retries_within_max CHECK (retry_count <= max_retries),
  CONSTRAINT background_tasks_running_has_worker CHECK (status <> 'running' OR (worker_id IS NOT NULL AND started_at IS NOT NULL))
);
CREATE INDEX idx_tasks_status ON agent.background_tasks (status);
CREATE INDEX idx_tasks_priority ON agent.background_tasks (priority);
CREATE INDEX idx_tasks_scheduled_at ON agent.background_tasks (scheduled_at);
CREATE INDEX idx_tasks_worker_id ON agent.background_tasks (worker_id) WHERE worker_id IS NOT NULL;
-- What a claim scans: claimable tasks in claim order.
CREATE INDEX idx_tasks_claimable ON agent.background_tasks (priority, scheduled_at, id) WHERE status IN ('pending', 'queued');
CREATE INDEX idx_tasks_type_status ON agent.background_tasks (task_type, status);
CREATE INDEX idx_tasks_created_by ON agent.background_tasks (created_by, created_at DESC) WHERE created_by IS NOT NULL;

CREATE TABLE agent.dead_letter_queue (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Kept (as NULL) when the task itself is purged, so the failure stays on record.
  original_task_id uuid REFERENCES agent.background_tasks(id) ON DELETE SET NULL,
  task_type        varchar(100) NOT NULL,
  payload          jsonb NOT NULL,
  error_message    text NOT NULL,
  error_stack      text,
  retry_history    jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(retry_history) = 'array'),
  moved_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_dead_letter_task ON agent.dead_letter_queue (original_task_id);
CREATE INDEX idx_dead_letter_type ON agent.dead_letter_queue (task_type, moved_at DESC);
CREATE INDEX idx_dead_letter_moved_at ON agent.dead_letter_queue (moved_at DESC, id);

-- Work on the queue: agent admins and workers (`agent:worker` keys).
CREATE FUNCTION agent.is_task_operator() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT agent.is_agent_admin() OR agent.has_scope('agent:worker')
$$;

-- Operators see and change every task; a user sees the tasks they enqueued, and may change them
-- (the mutations allow only cancelling) but never hand them to someone else.
ALTER TABLE agent.background_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.background_tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY background_tasks_operator ON agent.background_tasks
  USING (agent.is_task_operator()) WITH CHECK (agent.is_task_operator());
CREATE POLICY background_tasks_owner_read ON agent.background_tasks FOR SELECT
  USING (created_by = platform.current_user_id());
CREATE POLICY background_tasks_owner_enqueue ON agent.background_tasks FOR INSERT
  WITH CHECK (created_by = platform.current_user_id());
CREATE POLICY background_tasks_owner_update ON agent.background_tasks FOR UPDATE
  USING (created_by = platform.current_user_id()) WITH CHECK (created_by = platform.current_user_id());

-- Failed work of the whole system: operators only.
ALTER TABLE agent.dead_letter_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.dead_letter_queue FORCE ROW LEVEL SECURITY;
CREATE POLICY dead_letter_queue_operator ON agent.dead_letter_queue
  USING (agent.is_task_operator()) WITH CHECK (agent.is_task_operator());
