-- Issue 26: personal access tokens for scripts. Only a SHA-256 of each token (dashtam_pat_ + 256 random bits) is
-- kept. scope 'read' may only read; a token dies when revoked, at expires_at, or with its account.
CREATE TABLE personal_access_tokens (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    scope        TEXT        NOT NULL CHECK (scope IN ('read', 'write')),
    token_hash   BYTEA       NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    last_used_ip TEXT,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX personal_access_tokens_user_idx ON personal_access_tokens (user_id, created_at);
