-- Media: embeddings for similarity search.
--
-- Two storage paths, chosen here once per database:
--   * pgvector available: `embedding vector(1536)` with an HNSW cosine index; searches order by
--     `embedding <=> query` and use the index (approximate nearest neighbours).
--   * pgvector absent (this machine, many laptops): `embedding real[]` holding the same 1536
--     numbers, and searches compute the exact cosine distance in SQL (media.cosine_distance):
--     correct results, a full scan of the visible embeddings (under a millisecond each).
-- media.embedding_storage() says which path this database took; the subgraph reads it at start
-- and writes the matching ORDER BY. Both paths take the query vector as real[] (pgvector casts
-- real[] to vector), so everything else is the same.
--
-- HNSW rather than the seed's ivfflat: ivfflat learns its lists from the rows present when the
-- index is built (an empty table at migration time gives useless lists), HNSW needs no training
-- and keeps its recall as rows arrive.
CREATE TABLE media.media_embeddings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  media_file_id      uuid NOT NULL REFERENCES media.media_files (id) ON DELETE CASCADE,
  -- embedding: added below, vector(1536) or real[] depending on pgvector.
  source_text        text NOT NULL,
  embedding_model    varchar(50) NOT NULL DEFAULT 'text-embedding-3-small',
  embedding_version  varchar(10) NOT NULL DEFAULT 'v1',
  start_time_seconds numeric(10,3),
  end_time_seconds   numeric(10,3),
  segment_type       varchar(20) DEFAULT 'full' CHECK (segment_type IN ('full', 'temporal', 'audio', 'visual')),
  confidence_score   numeric(5,4),
  source_quality     varchar(20) CHECK (source_quality IN ('high', 'medium', 'low')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT valid_time_range CHECK (start_time_seconds <= end_time_seconds),
  CONSTRAINT valid_confidence CHECK (confidence_score >= 0.0 AND confidence_score <= 1.0)
);
CREATE INDEX idx_media_embeddings_media_file_id ON media.media_embeddings (media_file_id);
CREATE INDEX idx_media_embeddings_segment_type ON media.media_embeddings (segment_type);
CREATE INDEX idx_media_embeddings_temporal ON media.media_embeddings (start_time_seconds, end_time_seconds);
-- One whole-file embedding per file and model version: it is the file's query vector in
-- `similarMedia`.
CREATE UNIQUE INDEX uq_media_embeddings_full ON media.media_embeddings (media_file_id, embedding_model, embedding_version)
  WHERE segment_type = 'full';
CREATE TRIGGER media_embeddings_updated_at BEFORE UPDATE ON media.media_embeddings FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- Exact cosine distance (1 - cosine similarity), as pgvector's <=> defines it, over real[].
-- NULL for a zero vector (pgvector gives NaN), which sorts last.
CREATE FUNCTION media.cosine_distance(a real[], b real[]) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT 1 - sum(x::float8 * y) / nullif(sqrt(sum(x::float8 * x)) * sqrt(sum(y::float8 * y)), 0)
    FROM unnest(a, b) AS t(x, y)
$$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    EXECUTE 'ALTER TABLE media.media_embeddings ADD COLUMN embedding vector(1536) NOT NULL';
    EXECUTE 'CREATE INDEX idx_media_embeddings_vector ON media.media_embeddings USING hnsw (embedding vector_cosine_ops)';
    EXECUTE $f$CREATE FUNCTION media.embedding_storage() RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''vector''::text'$f$;
  ELSE
    ALTER TABLE media.media_embeddings ADD COLUMN embedding real[] NOT NULL
      CONSTRAINT embedding_dimensions CHECK (cardinality(embedding) = 1536 AND array_ndims(embedding) = 1 AND array_position(embedding, NULL) IS NULL);
    EXECUTE $f$CREATE FUNCTION media.embedding_storage() RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''array''::text'$f$;
  END IF;
END $$;

-- An embedding is visible exactly when its media file is: the file's owner, or an admin.
ALTER TABLE media.media_embeddings ENABLE ROW LEVEL SECURITY;
ALTER TABLE media.media_embeddings FORCE ROW LEVEL SECURITY;
CREATE POLICY media_embeddings_owner ON media.media_embeddings FOR ALL
  USING (platform.is_admin() OR EXISTS (
    SELECT 1 FROM media.media_files f WHERE f.id = media_embeddings.media_file_id AND f.user_id = platform.current_user_id()))
  WITH CHECK (platform.is_admin() OR EXISTS (
    SELECT 1 FROM media.media_files f WHERE f.id = media_embeddings.media_file_id AND f.user_id = platform.current_user_id()));
