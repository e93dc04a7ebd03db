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
-- How many searchable documents use each vocabulary word, kept by the provider's writes: a prefix query is widened to
-- the most frequent words that start with it (filled here from the documents once; ts_stat splits words as the
-- provider does for letters and digits). The "C" collation index serves the prefix as a range.
ALTER TABLE vp_search_words ADD COLUMN IF NOT EXISTS documents integer NOT NULL DEFAULT 0;
UPDATE vp_search_words w SET documents = s.ndoc
FROM ts_stat($$SELECT to_tsvector('simple'::regconfig, title || ' ' || tags_text || ' ' || description)
               FROM vp_search_documents WHERE searchable$$) s
WHERE s.word = w.word;
CREATE INDEX IF NOT EXISTS ix_vp_search_words_prefix ON vp_search_words ((word COLLATE "C"), documents DESC);
