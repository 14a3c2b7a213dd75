-- Live events (issue 15). A producer inserts a row in its own transaction with seq NULL; after commit a
-- sequencer (one at a time, under an advisory lock) numbers the committed rows from events_seq. Clients see
-- and resume by seq only, so an event whose transaction committed late still gets a number above every one
-- already delivered: replay is exactly once and in order without waiting for unrelated transactions.
CREATE SEQUENCE events_seq;

CREATE TABLE events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq         BIGINT UNIQUE,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type        TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    payload     JSONB       NOT NULL
);
CREATE INDEX events_user_seq_idx ON events (user_id, seq);
CREATE INDEX events_unsequenced_idx ON events (id) WHERE seq IS NULL;
CREATE INDEX events_occurred_idx ON events (occurred_at);

-- The highest seq pruned by retention per user: a client resuming at or below it missed events and gets reset.
CREATE TABLE event_horizons (
    user_id        UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    pruned_through BIGINT NOT NULL
);
