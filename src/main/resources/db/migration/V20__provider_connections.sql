-- A user's connection to one provider (brokerage, bank or file import). Aliases are unique per user, any case.
CREATE TABLE provider_connections (
    id            UUID PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_key  TEXT        NOT NULL,
    category      TEXT        NOT NULL CHECK (category IN ('brokerage', 'bank', 'file')),
    alias         TEXT        NOT NULL CHECK (length(alias) BETWEEN 1 AND 100),
    status        TEXT        NOT NULL
                  CHECK (status IN ('pending', 'active', 'expired', 'reauth_required', 'revoked', 'error')),
    status_reason TEXT,
    authorized_at TIMESTAMPTZ,           -- the original authorization; refreshes never move it
    deadline      TIMESTAMPTZ,           -- when the provider's grant (refresh token) dies
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX provider_connections_alias_key ON provider_connections (user_id, lower(alias));
CREATE INDEX provider_connections_status_idx ON provider_connections (status);

-- A connection's OAuth tokens, sealed with AES-256-GCM (key id alongside; the connection id is the associated
-- data, so a ciphertext copied to another row does not decrypt). Nothing here is readable without the key.
CREATE TABLE provider_tokens (
    connection_id      UUID PRIMARY KEY REFERENCES provider_connections (id) ON DELETE CASCADE,
    key_id             TEXT        NOT NULL,
    sealed             BYTEA       NOT NULL,
    token_type         TEXT        NOT NULL,
    scope              TEXT,
    access_expires_at  TIMESTAMPTZ NOT NULL,
    refresh_expires_at TIMESTAMPTZ NOT NULL,
    next_refresh_at    TIMESTAMPTZ NOT NULL, -- access expiry minus the margin, or later after a failure (backoff)
    refresh_failures   INT         NOT NULL DEFAULT 0,
    last_error         TEXT,
    refreshed_at       TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX provider_tokens_due_idx ON provider_tokens (next_refresh_at);
CREATE INDEX provider_tokens_key_idx ON provider_tokens (key_id);
