-- The analytics warehouse: every playback and lifecycle event once, partitioned by the day of its time (UTC).
-- A unique key on a partitioned table must hold the partition key, so the key is (event_id, at): an event's time
-- is part of the event (a retried batch repeats both), so one event id still gives one row.
-- Day partitions are created by the writer before it inserts (PostgresAnalyticsWarehouse).
CREATE SEQUENCE IF NOT EXISTS vp_analytics_event_seq AS bigint;

CREATE TABLE IF NOT EXISTS vp_analytics_events (
    event_id text NOT NULL,
    at timestamptz NOT NULL,
    seq bigint NOT NULL DEFAULT nextval('vp_analytics_event_seq'),
    stream text NOT NULL,
    subject_id text NOT NULL,
    type text NOT NULL,
    session_id text NULL,
    ord bigint NULL,
    position double precision NULL,
    data jsonb NOT NULL,
    CONSTRAINT pk_vp_analytics_events PRIMARY KEY (event_id, at)
) PARTITION BY RANGE (at);

-- Replaying one video's playback after a watermark, and the per-video timeseries.
CREATE INDEX IF NOT EXISTS ix_vp_analytics_events_subject ON vp_analytics_events (stream, subject_id, seq);
