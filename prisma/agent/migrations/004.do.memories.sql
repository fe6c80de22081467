-- Agent: memories (seed 003 "Memory Systems" 11–12, migrations 003 and 014 of its history):
-- Cognee-style facts with entity graphs, and the sharded vector memory searched by similarity.

CREATE TABLE agent.cognee_memories (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL,                        -- tenancy user id
  session_id    uuid,
  content       text NOT NULL CHECK (length(content) > 0),
  memory_type   varchar(50) NOT NULL DEFAULT 'fact' CHECK (memory_type ~ '^[a-z][a-z_]*$'),
  entities      jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(entities) = 'array'),
  relationships jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(relationships) = 'array'),
  confidence    numeric(5,4) NOT NULL DEFAULT 0.8 CHECK (confidence BETWEEN 0 AND 1),
  access_count  integer NOT NULL DEFAULT 0 CHECK (access_count >= 0),
  last_accessed timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cognee_memories_session_of_same_user FOREIGN KEY (session_id, user_id)
    REFERENCES agent.conversation_sessions (id, user_id) ON DELETE CASCADE
);
CREATE INDEX idx_memories_user_id ON agent.cognee_memories (user_id, created_at DESC, id);
CREATE INDEX idx_memories_session_id ON agent.cognee_memories (session_id);
CREATE INDEX idx_memories_type ON agent.cognee_memories (memory_type);

-- A conversation's injected memory (the seed's user_sessions.memory_id, "reference to Cognee memory").
ALTER TABLE agent.conversation_sessions
  ADD CONSTRAINT conversation_sessions_memory_fk FOREIGN KEY (memory_id) REFERENCES agent.cognee_memories(id) ON DELETE SET NULL;

-- ---------------------------------------------------------------------------------------------
-- Vector memory. The seed declares `embedding vector(1536)` (pgvector). Here the column is always
-- `real[]` of 1536 elements, whether pgvector is installed or not:
--   * the Prisma schema (Float[] @db.Real) then agrees with the database on every machine, and
--     writes are the same everywhere;
--   * with pgvector, an HNSW index on the expression `embedding::vector(1536)` (pgvector casts
--     real[] to vector) makes the search approximate-nearest-neighbour and fast; real[] and vector
--     both store 4-byte floats, so nothing is lost;
--   * without it (this machine), agent.cosine_distance computes the exact distance in SQL:
--     correct results, a sequential scan (fine for thousands of memories per user, not millions).
-- The subgraph asks the database which one it has at start-up (src/vector-search.ts).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE agent.distributed_memory (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shard_key     varchar(64) NOT NULL,
  user_id       uuid NOT NULL,                        -- tenancy user id
  content       text NOT NULL CHECK (length(content) > 0),
  -- Empty until the memory is embedded (the seed's NULL: Prisma lists cannot be NULL).
  embedding     real[] NOT NULL DEFAULT '{}' CHECK (cardinality(embedding) = 0 OR (
                  array_ndims(embedding) = 1 AND cardinality(embedding) = 1536 AND array_position(embedding, NULL) IS NULL)),
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
  node_id       varchar(255) NOT NULL,
  replicated_to jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(replicated_to) = 'array'),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_distributed_memory_user ON agent.distributed_memory (user_id, created_at DESC, id);
CREATE INDEX idx_distributed_memory_shard ON agent.distributed_memory (shard_key);

-- Cosine distance (1 - cosine similarity) of two equally long vectors; NULL when either is all
-- zeros (it has no direction). The exact fallback for pgvector's <=> operator.
CREATE FUNCTION agent.cosine_distance(a real[], b real[]) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT 1 - sum(x::float8 * y) / NULLIF(sqrt(sum(x::float8 * x)) * sqrt(sum(y::float8 * y)), 0)
  FROM unnest(a, b) AS pair(x, y)
$$;

-- pgvector may already be installed (by another domain, in any schema): index with its types
-- wherever they live, and let the subgraph's role use them.
DO $$
DECLARE
  vector_schema text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    SELECT n.nspname INTO vector_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector';
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO sixfold_agent', vector_schema);
    EXECUTE format('CREATE INDEX idx_distributed_memory_embedding ON agent.distributed_memory '
                   'USING hnsw ((embedding::%1$I.vector(1536)) %1$I.vector_cosine_ops) WHERE cardinality(embedding) = 1536',
                   vector_schema);
  END IF;
END $$;

-- A user's memories are theirs alone; admins see all.
ALTER TABLE agent.cognee_memories ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.cognee_memories FORCE ROW LEVEL SECURITY;
CREATE POLICY cognee_memories_owner ON agent.cognee_memories
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());

ALTER TABLE agent.distributed_memory ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.distributed_memory FORCE ROW LEVEL SECURITY;
CREATE POLICY distributed_memory_owner ON agent.distributed_memory
  USING (user_id = platform.current_user_id() OR platform.is_admin())
  WITH CHECK (user_id = platform.current_user_id() OR platform.is_admin());
