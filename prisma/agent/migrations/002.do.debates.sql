-- Agent: AI debates (seed 003 "Debate System" 6–8, migration 011 of its history): sessions,
-- their turns ordered by round then turn, and the code versions a debate produced.

CREATE TABLE agent.debate_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  topic         text NOT NULL CHECK (length(topic) > 0),
  description   text,
  status        varchar(50) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'completed', 'cancelled')),
  -- 0 until the first turn; the round the latest turn belongs to.
  current_round integer NOT NULL DEFAULT 0,
  total_rounds  integer NOT NULL CHECK (total_rounds BETWEEN 1 AND 100),
  voting_method varchar(50) NOT NULL DEFAULT 'weighted' CHECK (voting_method IN ('weighted', 'majority', 'borda', 'condorcet')),
  positions     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(positions) = 'array'),      -- ["for", "against"]
  participants  jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(participants) = 'array'),   -- [{"id", "position", "provider"}]
  final_winner  varchar(255),
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The tenancy user who started the debate and owns it. The seed allows NULL; here every
  -- debate has an owner (system debates are started by an admin), which row-level security needs.
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  completed_at  timestamptz,
  CONSTRAINT debate_sessions_round_within_total CHECK (current_round BETWEEN 0 AND total_rounds),
  CONSTRAINT debate_sessions_winner_when_completed CHECK (final_winner IS NULL OR status = 'completed'),
  CONSTRAINT debate_sessions_finished_when_completed CHECK ((status IN ('completed', 'cancelled')) = (completed_at IS NOT NULL))
);
CREATE INDEX idx_debate_sessions_status ON agent.debate_sessions (status);
CREATE INDEX idx_debate_sessions_created_by ON agent.debate_sessions (created_by, created_at DESC, id);

CREATE TABLE agent.debate_turns (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id     uuid NOT NULL REFERENCES agent.debate_sessions(id) ON DELETE CASCADE,
  round_number   integer NOT NULL CHECK (round_number >= 1),
  turn_number    integer NOT NULL CHECK (turn_number >= 1),     -- 1, 2, … within its round
  participant_id varchar(255) NOT NULL,
  position       varchar(255) NOT NULL,
  content        text NOT NULL,
  raw_response   jsonb NOT NULL DEFAULT '{}'::jsonb,
  tokens_used    integer NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
  response_time  bigint NOT NULL DEFAULT 0 CHECK (response_time >= 0),   -- ms
  confidence     numeric(5,4) NOT NULL DEFAULT 0.0 CHECK (confidence BETWEEN 0 AND 1),
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- The last line of defence for turn ordering (the mutation validates first, under a row lock).
  -- Its index also serves the seed's idx_debate_turns_session_id and idx_debate_turns_round,
  -- which are prefixes of it.
  CONSTRAINT debate_turns_order_key UNIQUE (session_id, round_number, turn_number)
);

CREATE TABLE agent.code_versions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id        uuid NOT NULL REFERENCES agent.debate_sessions(id) ON DELETE CASCADE,
  version_hash      varchar(64) NOT NULL CHECK (version_hash ~ '^[0-9a-f]{7,64}$'),   -- git commit hash
  branch            varchar(255) NOT NULL,
  commit_message    text,
  files_changed     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(files_changed) = 'array'),
  diff_summary      text,
  validation_status varchar(50) NOT NULL DEFAULT 'pending' CHECK (validation_status IN ('pending', 'passed', 'failed')),
  test_results      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT code_versions_once_per_session UNIQUE (session_id, version_hash)
);
CREATE INDEX idx_code_versions_session ON agent.code_versions (session_id, created_at);

-- A debate, its turns and its code versions belong to whoever started it; admins see all.
ALTER TABLE agent.debate_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.debate_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY debate_sessions_owner ON agent.debate_sessions
  USING (created_by = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (created_by = platform.current_user_id() OR platform.is_admin());

ALTER TABLE agent.debate_turns ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.debate_turns FORCE ROW LEVEL SECURITY;
CREATE POLICY debate_turns_owner ON agent.debate_turns
  USING (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.debate_sessions s WHERE s.id = session_id AND s.created_by = platform.current_user_id()))
  WITH CHECK (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.debate_sessions s WHERE s.id = session_id AND s.created_by = platform.current_user_id()));

ALTER TABLE agent.code_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.code_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY code_versions_owner ON agent.code_versions
  USING (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.debate_sessions s WHERE s.id = session_id AND s.created_by = platform.current_user_id()))
  WITH CHECK (platform.is_admin() OR EXISTS (
    SELECT 1 FROM agent.debate_sessions s WHERE s.id = session_id AND s.created_by = platform.current_user_id()));
