-- One row per open event stream on any replica (issue 15): the per-user stream limit counts the live leases, so
-- it holds across replicas. Each instance renews its streams' leases with the heartbeat and deletes a lease when
-- its stream ends; the lease of a replica that died lapses at expires_at and is ignored (and cleaned up) after.
CREATE TABLE event_stream_leases (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    instance   TEXT        NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_stream_leases_user_idx ON event_stream_leases (user_id, expires_at);
