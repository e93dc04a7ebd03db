-- Baseline of the project's own schema. Orleans provider tables arrive in their own migrations.
CREATE TABLE IF NOT EXISTS vp_platform_info (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO vp_platform_info(key, value) VALUES ('schema', 'videoplatform') ON CONFLICT (key) DO NOTHING;
