-- Issue 26: a second factor. The TOTP secret is sealed with AES-256-GCM under DASHTAM_ENCRYPTION_KEYS (key_id
-- names the key; the associated data binds it to the user); confirmed_at is null while enrolment waits for its
-- first code. last_step is the newest 30-second step whose code was accepted: a code is never accepted twice.
CREATE TABLE user_totp (
    user_id      UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key_id       TEXT        NOT NULL,
    sealed       BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step    BIGINT
);

-- Ten single-use recovery codes per user, shown once; only a SHA-256 of each (80 random bits) is kept.
CREATE TABLE user_recovery_codes (
    code_hash  BYTEA PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX user_recovery_codes_user_idx ON user_recovery_codes (user_id);
