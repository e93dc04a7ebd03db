-- The catalog read model of videos: what lists, filters and paging read. Video grains write through it.
CREATE TABLE IF NOT EXISTS vp_videos (
    id text PRIMARY KEY,
    owner_id text NULL,
    status text NOT NULL,
    visibility text NOT NULL,
    title text NOT NULL,
    created_at timestamptz NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_vp_videos_created ON vp_videos (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_vp_videos_owner_created ON vp_videos (owner_id, created_at DESC, id DESC);
