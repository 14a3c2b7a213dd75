-- One row per syncable connection: when it is due, and who holds it. A claim is a lease: the holder renews it
-- while it works; once it lapses (the instance died) any instance may take the job over.
CREATE TABLE sync_jobs (
    connection_id    UUID PRIMARY KEY,
    user_id          UUID        NOT NULL,
    next_run_at      TIMESTAMPTZ NOT NULL,
    lease_owner      TEXT,
    lease_expires_at TIMESTAMPTZ,
    current_run_id   UUID,
    -- End of the transaction window fetched by the last successful run; the next run overlaps it.
    synced_until     TIMESTAMPTZ
);
CREATE INDEX sync_jobs_due_idx ON sync_jobs (next_run_at);

CREATE TABLE sync_runs (
    id            UUID PRIMARY KEY,
    connection_id UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    trigger       TEXT        NOT NULL CHECK (trigger IN ('manual', 'scheduled', 'activation')),
    status        TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    queued_at     TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    instance      TEXT,
    accounts      INT         NOT NULL DEFAULT 0,
    added         INT         NOT NULL DEFAULT 0,
    updated       INT         NOT NULL DEFAULT 0,
    removed       INT         NOT NULL DEFAULT 0,
    error         TEXT
);
CREATE INDEX sync_runs_connection_idx ON sync_runs (connection_id, queued_at DESC);
-- Never two live runs for one connection, whatever the instances do.
CREATE UNIQUE INDEX sync_runs_one_live_idx ON sync_runs (connection_id) WHERE status IN ('queued', 'running');
