-- Invite links (issue 13's registration setting): made by an admin, good once until they expire. Only a SHA-256
-- of the token is kept, so the table cannot be turned back into usable links.
CREATE TABLE user_invites (
    id         UUID PRIMARY KEY,
    token_hash BYTEA       NOT NULL UNIQUE,
    created_by UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    used_by    UUID        REFERENCES users (id) ON DELETE SET NULL,
    CHECK (expires_at > created_at),
    CHECK (used_at IS NOT NULL OR used_by IS NULL)
);
CREATE INDEX user_invites_created_idx ON user_invites (created_at DESC);
