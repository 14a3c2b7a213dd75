-- Each file imported into a file connection (previews store nothing).
CREATE TABLE imports (
    id            UUID PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connection_id UUID        NOT NULL,
    format        TEXT        NOT NULL,
    file_name     TEXT,
    sha256        TEXT        NOT NULL,
    parsed        INT         NOT NULL,
    added         INT         NOT NULL,
    updated       INT         NOT NULL,
    unchanged     INT         NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX imports_user_idx ON imports (user_id, created_at DESC);
