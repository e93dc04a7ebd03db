-- Search documents of public Ready videos, written by the search projection (a consumer of the video stream).
-- A video that stops being searchable keeps a row with searchable = false and its version (a tombstone), so an
-- older event delivered late cannot bring it back. Weighted text: title A, tags B, description C, each in the
-- simple (names, exact words) and english (stems) configurations.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS vp_search_documents (
    id text PRIMARY KEY,
    version bigint NOT NULL,
    searchable boolean NOT NULL,
    title text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{}',
    tags_text text NOT NULL DEFAULT '',
    owner_id text NULL,
    duration_seconds double precision NOT NULL DEFAULT 0,
    published_at timestamptz NOT NULL,
    views bigint NOT NULL DEFAULT 0,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, tags_text), 'B') || setweight(to_tsvector('english'::regconfig, tags_text), 'B') ||
        setweight(to_tsvector('simple'::regconfig, description), 'C') || setweight(to_tsvector('english'::regconfig, description), 'C')
    ) STORED
);
CREATE INDEX IF NOT EXISTS ix_vp_search_document ON vp_search_documents USING gin (document) WHERE searchable;
CREATE INDEX IF NOT EXISTS ix_vp_search_tags ON vp_search_documents USING gin (tags) WHERE searchable;
CREATE INDEX IF NOT EXISTS ix_vp_search_published ON vp_search_documents (published_at DESC, id) WHERE searchable;
CREATE INDEX IF NOT EXISTS ix_vp_search_views ON vp_search_documents (views DESC, id) WHERE searchable;
CREATE INDEX IF NOT EXISTS ix_vp_search_owner ON vp_search_documents (owner_id, published_at DESC) WHERE searchable;
-- Every word the documents have used: a misspelled query word is replaced by its nearest words here (trigrams).
CREATE TABLE IF NOT EXISTS vp_search_words (
    word text PRIMARY KEY
);
CREATE INDEX IF NOT EXISTS ix_vp_search_words_trgm ON vp_search_words USING gin (word gin_trgm_ops);
