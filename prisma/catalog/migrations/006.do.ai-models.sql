-- Catalog: the OpenRouter model list (seed 004), kept so the directory can answer when the
-- in-memory cache is cold without calling upstream. Only the seed's essential columns: the rest
-- of an OpenRouter entry (pricing, architecture) is upstream's to keep current.

CREATE TABLE catalog.ai_models (
  id             varchar(255) PRIMARY KEY,   -- OpenRouter's id, e.g. "anthropic/claude-3.5-sonnet"
  name           text NOT NULL,
  description    text,
  context_length integer CHECK (context_length > 0),
  created        timestamptz                 -- when OpenRouter added the model
);
-- The primary key is seed 004's idx_ai_models_id.
CREATE INDEX idx_ai_models_context_length ON catalog.ai_models (context_length);
CREATE INDEX idx_ai_models_created ON catalog.ai_models (created);
CREATE INDEX idx_ai_models_context_created ON catalog.ai_models (context_length, created);
