-- A pasted credential's product (SimpleFIN's access URL, an API key), sealed with AES-256-GCM exactly like OAuth
-- tokens: key id alongside, "provider_credentials:<connection id>" as associated data, so a ciphertext copied to
-- another row does not open. It lives until the provider revokes it or the connection is deleted.
CREATE TABLE provider_credentials (
    connection_id UUID PRIMARY KEY REFERENCES provider_connections (id) ON DELETE CASCADE,
    key_id        TEXT        NOT NULL,
    sealed        BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX provider_credentials_key_idx ON provider_credentials (key_id);
