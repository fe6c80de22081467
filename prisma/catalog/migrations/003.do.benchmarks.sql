-- Catalog: benchmark suites and the scores models reach on them (seed 000, "Core Tables").

CREATE TABLE catalog.benchmark_suites (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug            varchar(50)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name            varchar(100) NOT NULL,
  description     jsonb,                                   -- localized
  category        varchar(50),                             -- reasoning, code, language, math, multimodal
  version         varchar(20),
  evaluation_type varchar(50) CHECK (evaluation_type IN ('accuracy', 'performance', 'safety')),
  max_score       numeric(10, 4) CHECK (max_score > 0),
  scoring_method  varchar(50) CHECK (scoring_method IN ('percentage', 'raw_score', 'percentile')),
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_benchmarks_category ON catalog.benchmark_suites (category);

CREATE TABLE catalog.benchmark_scores (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id          uuid NOT NULL REFERENCES catalog.models(id) ON DELETE CASCADE,
  suite_id          uuid NOT NULL REFERENCES catalog.benchmark_suites(id) ON DELETE CASCADE,
  score_raw         numeric(10, 4) NOT NULL CHECK (score_raw >= 0),
  score_normalized  numeric(5, 2) CHECK (score_normalized BETWEEN 0 AND 100),  -- 0-100 scale
  -- Share of models (in %) whose latest score on the suite is at or below this one, as of when
  -- this was the model's latest score; catalog.rank_benchmark_scores keeps it current.
  percentile        integer CHECK (percentile BETWEEN 0 AND 100),
  evaluation_date   date NOT NULL,
  evaluation_commit varchar(100),                           -- git commit of the evaluation code
  configuration     jsonb NOT NULL DEFAULT '{}'::jsonb,     -- test parameters
  notes             text,
  is_official       boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (model_id, suite_id, evaluation_date)
);
CREATE INDEX idx_scores_model ON catalog.benchmark_scores (model_id);
CREATE INDEX idx_scores_suite ON catalog.benchmark_scores (suite_id);
CREATE INDEX idx_scores_date ON catalog.benchmark_scores (evaluation_date DESC);

-- Each model's most recent score on each suite.
CREATE VIEW catalog.latest_benchmark_scores AS
SELECT DISTINCT ON (s.model_id, s.suite_id) s.*
FROM catalog.benchmark_scores s
ORDER BY s.model_id, s.suite_id, s.evaluation_date DESC;

-- Recomputes the percentile of every model's latest score on the given suites (after a score is
-- recorded, every other model's standing on that suite may move).
CREATE FUNCTION catalog.rank_benchmark_scores(suite_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE catalog.benchmark_scores s
  SET percentile = ranked.percentile
  FROM (
    -- Exact arithmetic (numeric, rounding half up): scores at or below this one, over all scores.
    SELECT l.id,
           round(100.0 * count(*) OVER (PARTITION BY l.suite_id ORDER BY l.score_normalized)
                 / count(*) OVER (PARTITION BY l.suite_id))::integer AS percentile
    FROM catalog.latest_benchmark_scores l
    WHERE l.suite_id = ANY(suite_ids) AND l.score_normalized IS NOT NULL
  ) ranked
  WHERE s.id = ranked.id AND s.percentile IS DISTINCT FROM ranked.percentile
$$;
