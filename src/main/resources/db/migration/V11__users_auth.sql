-- Each refresh token carries its own 30-day validity; a session lives as long as its newest token.
ALTER TABLE refresh_tokens ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE refresh_tokens t SET expires_at = s.expires_at FROM user_sessions s WHERE s.id = t.session_id;
ALTER TABLE refresh_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE user_sessions ADD COLUMN revoked_reason TEXT;

-- Consecutive login failures per account (the lower-cased email, so unknown emails behave like known ones).
CREATE TABLE login_lockouts (
    account      TEXT PRIMARY KEY,
    failures     INT         NOT NULL,
    locked_until TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Single-use tokens mailed to a user (email verification, password reset). Only a SHA-256 is kept.
CREATE TABLE user_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT        NOT NULL CHECK (purpose IN ('email_verification', 'password_reset')),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

-- Mail waiting for (or kept instead of) delivery: with no mail server this table is the mailbox.
CREATE TABLE outbox (
    id         UUID PRIMARY KEY,
    recipient  TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ,
    attempts   INT         NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE sent_at IS NULL;

-- Fixed-window rate-limit counters shared by every instance (an upsert per attempt).
CREATE TABLE rate_limit_counters (
    bucket       TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits         INT         NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
