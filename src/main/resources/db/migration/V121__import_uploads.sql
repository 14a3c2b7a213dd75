-- A file uploaded on the import page, kept on the server for its preview's confirm: the confirm names it instead of
-- posting the file again, only its owner can use it, and it is gone once imported or 30 minutes after the upload.
-- In the database, so the confirm may reach any replica.
CREATE TABLE import_uploads (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name  TEXT,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_uploads_user_idx ON import_uploads (user_id);
CREATE INDEX import_uploads_expires_idx ON import_uploads (expires_at);
