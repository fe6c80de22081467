-- Catalog: documentation links and news about models (seed 000, "Core Tables").

CREATE TABLE catalog.documentation (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id   uuid NOT NULL REFERENCES catalog.models(id) ON DELETE CASCADE,
  doc_type   varchar(50) NOT NULL CHECK (doc_type IN ('api', 'quickstart', 'cookbook', 'changelog', 'guide')),
  title      jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'en-US'),  -- localized
  url        varchar(500) NOT NULL CHECK (url ~ '^https?://'),
  locale     varchar(10),                                 -- language of the page itself
  version    varchar(50),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_docs_model ON catalog.documentation (model_id);
CREATE INDEX idx_docs_type ON catalog.documentation (doc_type);
CREATE INDEX idx_docs_locale ON catalog.documentation (locale);
CREATE TRIGGER documentation_updated_at BEFORE UPDATE ON catalog.documentation FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

CREATE TABLE catalog.news_articles (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug              varchar(200) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title             jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'en-US'),  -- localized
  summary           jsonb,                                -- localized
  content           jsonb,                                -- localized markdown
  author_id         uuid,                                 -- a tenancy user (id only: no cross-domain key)
  category          varchar(50),
  tags              text[] NOT NULL DEFAULT '{}',
  source_url        varchar(500),
  image_url         varchar(500),
  published_at      timestamptz,                          -- NULL: a draft
  locale_primary    varchar(10) NOT NULL DEFAULT 'en-US',
  available_locales text[] NOT NULL DEFAULT '{}',
  view_count        integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  is_featured       boolean NOT NULL DEFAULT false,
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_news_published ON catalog.news_articles (published_at DESC);
CREATE INDEX idx_news_category ON catalog.news_articles (category);
CREATE INDEX idx_news_tags ON catalog.news_articles USING gin (tags);
CREATE INDEX idx_news_locale ON catalog.news_articles (locale_primary);
CREATE TRIGGER news_articles_updated_at BEFORE UPDATE ON catalog.news_articles FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

CREATE TABLE catalog.news_model_mentions (
  news_id      uuid NOT NULL REFERENCES catalog.news_articles(id) ON DELETE CASCADE,
  model_id     uuid NOT NULL REFERENCES catalog.models(id) ON DELETE CASCADE,
  mention_type varchar(50) CHECK (mention_type IN ('primary', 'comparison', 'brief')),
  PRIMARY KEY (news_id, model_id)
);
-- The primary key serves "models an article mentions"; this serves "articles about a model".
CREATE INDEX idx_news_mentions_model ON catalog.news_model_mentions (model_id);
