-- Browser sessions of the web app (issue 13). The cookie carries a random token; only its SHA-256 is stored.
-- Each one is bound to a user_sessions row, so it shows in the sessions list and ends with it (revocation,
-- password change, disabled account) through the same liveness check as bearer tokens.
CREATE TABLE web_sessions (
    token_hash bytea PRIMARY KEY,
    session_id uuid NOT NULL UNIQUE REFERENCES user_sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
