-- The built-in SimpleFIN sandbox bridge (dev/test/ci only; empty elsewhere): setup tokens it handed out and the
-- access credentials their claims produced, as SHA-256 hashes. A token claims once; revoked access answers 403.
CREATE TABLE simplefin_sandbox_access (
    token_hash    BYTEA PRIMARY KEY,
    access_user   TEXT UNIQUE,
    password_hash BYTEA,
    created_at    TIMESTAMPTZ NOT NULL,
    claimed_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
