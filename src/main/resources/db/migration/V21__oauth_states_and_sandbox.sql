-- An OAuth authorization in progress. Only hashes of the state, the one-time connect link and the browser
-- cookie are kept; the authorization URL and the PKCE verifier are sealed (AAD = this row's id). Any instance
-- can complete the flow; a state is used once and expires after 10 minutes.
CREATE TABLE oauth_states (
    id             UUID PRIMARY KEY,
    state_hash     BYTEA       NOT NULL UNIQUE,
    link_hash      BYTEA       NOT NULL UNIQUE,
    cookie_hash    BYTEA,
    connection_id  UUID        NOT NULL REFERENCES provider_connections (id) ON DELETE CASCADE,
    user_id        UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_key   TEXT        NOT NULL,
    redirect_uri   TEXT        NOT NULL,
    key_id         TEXT        NOT NULL,
    sealed         BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    link_opened_at TIMESTAMPTZ,
    used_at        TIMESTAMPTZ
);
CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at);
CREATE INDEX oauth_states_connection_idx ON oauth_states (connection_id);

-- The built-in sandbox brokerage's own authorization server: codes, access and refresh tokens it issued,
-- kept as SHA-256 hashes. A refresh token's grant ends 7 days after the authorization, like Schwab's.
CREATE TABLE sandbox_grants (
    token_hash     BYTEA PRIMARY KEY,
    kind           TEXT        NOT NULL CHECK (kind IN ('code', 'access', 'refresh')),
    grant_id       UUID        NOT NULL,
    client_id      TEXT        NOT NULL,
    redirect_uri   TEXT,
    code_challenge TEXT,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_grants_expires_idx ON sandbox_grants (expires_at);
