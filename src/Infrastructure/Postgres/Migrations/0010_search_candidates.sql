-- Search candidates (see docs/search.md): a relevance query ranks a bounded set of documents instead of every match.
-- title_document finds title matches alone; title_key is the title as the exact-title bonus compares it, stored so that
-- no query normalizes titles row by row. The views index carries title_document, so the most viewed title matches are
-- read from the index alone (an index-only scan, on pages the visibility map marks all-visible), not from 1.4 kB rows.
ALTER TABLE vp_search_documents
    ADD COLUMN IF NOT EXISTS title_key text GENERATED ALWAYS AS (trim(regexp_replace(lower(title), '[^[:alnum:]]+', ' ', 'g'))) STORED,
    ADD COLUMN IF NOT EXISTS title_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title) || to_tsvector('english'::regconfig, title)) STORED;
CREATE INDEX IF NOT EXISTS ix_vp_search_title_document ON vp_search_documents USING gin (title_document) WHERE searchable;
CREATE INDEX IF NOT EXISTS ix_vp_search_title_key ON vp_search_documents (title_key) WHERE searchable;
DROP INDEX IF EXISTS ix_vp_search_views;
CREATE INDEX IF NOT EXISTS ix_vp_search_views_titles ON vp_search_documents (views DESC, id) INCLUDE (title_document) WHERE searchable;
