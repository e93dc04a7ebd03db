-- Recommendations: co-watch edges (viewers watched from_id and then to_id; weight as of at, decaying after) and the
-- content documents (terms and counts of public Ready videos) the TF-IDF index is rebuilt from. Grains hold the hot
-- copies and write these as they change.
CREATE TABLE IF NOT EXISTS vp_rec_cowatch (
    from_id text NOT NULL,
    to_id text NOT NULL,
    weight double precision NOT NULL,
    at timestamptz NOT NULL,
    CONSTRAINT pk_vp_rec_cowatch PRIMARY KEY (from_id, to_id)
);
-- Whose lists may hold a video that leaves the catalog.
CREATE INDEX IF NOT EXISTS ix_vp_rec_cowatch_to ON vp_rec_cowatch (to_id);

CREATE TABLE IF NOT EXISTS vp_rec_documents (
    video_id text PRIMARY KEY,
    owner_id text NULL,
    terms text[] NOT NULL,
    counts integer[] NOT NULL,
    created_at timestamptz NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_vp_rec_documents_created ON vp_rec_documents (created_at DESC);
