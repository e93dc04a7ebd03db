-- Narrow search rows (see docs/search.md): a relevance search picks, ranks and pages its candidates from
-- vp_search_candidates, about 340 bytes a row, which stays in shared buffers, instead of the 1.4 kB rows of
-- vp_search_documents (description and the full weighted vector, read for the page's highlights and for matches
-- outside titles). vp_search_documents stays the one source of truth: a trigger keeps one row here per searchable
-- document in the same statement that writes it, whatever writes it (upsert, tombstone, views, COPY).
CREATE TABLE IF NOT EXISTS vp_search_candidates (
    id text PRIMARY KEY,
    views bigint NOT NULL,
    published_at timestamptz NOT NULL,
    owner_id text NULL,
    duration_seconds double precision NOT NULL,
    tags text[] NOT NULL,
    -- The title as the exact-title bonus compares it: lower-case words joined by spaces.
    title_key text NOT NULL,
    -- Title words (weight A) find title matches; with the tag words (weight B) they rank the candidates.
    title_document tsvector NOT NULL,
    tags_document tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_vp_search_candidates_title ON vp_search_candidates USING gin (title_document);
-- It carries the title vector, so that reading the most viewed title matches in view order needs no table rows
-- (on pages the visibility map marks all-visible).
CREATE INDEX IF NOT EXISTS ix_vp_search_candidates_views ON vp_search_candidates (views DESC, id) INCLUDE (title_document);
CREATE INDEX IF NOT EXISTS ix_vp_search_candidates_title_key ON vp_search_candidates (title_key);

-- The candidate row of a document, for the trigger and for the documents already there.
CREATE OR REPLACE FUNCTION vp_search_candidate(d vp_search_documents) RETURNS vp_search_candidates LANGUAGE sql IMMUTABLE AS $$
    SELECT d.id, d.views, d.published_at, d.owner_id, d.duration_seconds, d.tags,
           trim(regexp_replace(lower(d.title), '[^[:alnum:]]+', ' ', 'g')),
           setweight(to_tsvector('simple'::regconfig, d.title) || to_tsvector('english'::regconfig, d.title), 'A'),
           setweight(to_tsvector('simple'::regconfig, d.tags_text) || to_tsvector('english'::regconfig, d.tags_text), 'B')
$$;

CREATE OR REPLACE FUNCTION vp_search_candidates_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.id <> NEW.id OR NOT NEW.searchable) THEN
        DELETE FROM vp_search_candidates WHERE id = OLD.id;
    END IF;
    IF TG_OP = 'DELETE' OR NOT NEW.searchable THEN
        RETURN NULL;
    END IF;
    -- A new view count alone (SetViewsAsync) changes nothing else.
    IF TG_OP = 'UPDATE' AND OLD.searchable AND (OLD.id, OLD.title, OLD.tags, OLD.tags_text, OLD.owner_id, OLD.duration_seconds, OLD.published_at)
        IS NOT DISTINCT FROM (NEW.id, NEW.title, NEW.tags, NEW.tags_text, NEW.owner_id, NEW.duration_seconds, NEW.published_at) THEN
        UPDATE vp_search_candidates SET views = NEW.views WHERE id = NEW.id AND views <> NEW.views;
        RETURN NULL;
    END IF;
    INSERT INTO vp_search_candidates SELECT * FROM vp_search_candidate(NEW)
    ON CONFLICT (id) DO UPDATE SET views = excluded.views, published_at = excluded.published_at, owner_id = excluded.owner_id,
        duration_seconds = excluded.duration_seconds, tags = excluded.tags, title_key = excluded.title_key,
        title_document = excluded.title_document, tags_document = excluded.tags_document;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tr_vp_search_candidates ON vp_search_documents;
CREATE TRIGGER tr_vp_search_candidates AFTER INSERT OR UPDATE OR DELETE ON vp_search_documents
    FOR EACH ROW EXECUTE FUNCTION vp_search_candidates_sync();
INSERT INTO vp_search_candidates SELECT c.* FROM vp_search_documents d, vp_search_candidate(d) c WHERE d.searchable
ON CONFLICT DO NOTHING;

-- What 0010 added for the candidates now lives in vp_search_candidates.
DROP INDEX IF EXISTS ix_vp_search_views_titles;
DROP INDEX IF EXISTS ix_vp_search_title_document;
DROP INDEX IF EXISTS ix_vp_search_title_key;
ALTER TABLE vp_search_documents DROP COLUMN IF EXISTS title_document, DROP COLUMN IF EXISTS title_key;
-- The views sort pages through matches in view order.
CREATE INDEX IF NOT EXISTS ix_vp_search_views ON vp_search_documents (views DESC, id) WHERE searchable;
