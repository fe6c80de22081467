-- Catalog: the directory's precomputed listing (seed 000, "Query Optimization Views"): active
-- models with their provider and their benchmark results of the last 30 days.

CREATE MATERIALIZED VIEW catalog.model_listings AS
SELECT
  m.id,
  m.slug,
  m.name,
  m.provider_id,
  p.name AS provider_name,
  p.logo_url AS provider_logo,
  m.foundation_model,
  m.modalities,
  m.capabilities,
  m.context_window,
  m.is_active,
  COALESCE(
    -- The score as text: a JSON number would reach clients as a float.
    (SELECT jsonb_agg(jsonb_build_object('suite', bs.slug, 'score', b.score_normalized::text, 'date', b.evaluation_date)
                      ORDER BY bs.slug, b.evaluation_date DESC)
     FROM catalog.benchmark_scores b
     JOIN catalog.benchmark_suites bs ON b.suite_id = bs.id
     WHERE b.model_id = m.id
       AND b.evaluation_date >= CURRENT_DATE - INTERVAL '30 days'),
    '[]'::jsonb
  ) AS recent_benchmarks
FROM catalog.models m
JOIN catalog.providers p ON m.provider_id = p.id
WHERE m.is_active = true;

-- REFRESH … CONCURRENTLY needs a unique index; readers never wait for a refresh.
CREATE UNIQUE INDEX idx_model_listings_id ON catalog.model_listings (id);
CREATE INDEX idx_model_listings_provider ON catalog.model_listings (provider_id);
CREATE INDEX idx_model_listings_name ON catalog.model_listings ((lower(name ->> 'en-US')), id);

-- Only a materialized view's owner may refresh it; the subgraph's role owns nothing, so it
-- refreshes through this function, which runs as the owner and can do nothing else.
CREATE FUNCTION catalog.refresh_model_listings() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  REFRESH MATERIALIZED VIEW CONCURRENTLY catalog.model_listings
$$;
REVOKE ALL ON FUNCTION catalog.refresh_model_listings() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION catalog.refresh_model_listings() TO sixfold_catalog;
