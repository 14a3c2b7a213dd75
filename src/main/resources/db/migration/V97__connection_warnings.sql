-- What the provider reported beside its data at the connection's latest sync that reached it (SimpleFIN's
-- errors: a bank the bridge could not reach), sanitized and bounded (at most 10 messages of 300 characters).
-- A later sync that reports none deletes the row.
CREATE TABLE connection_warnings (
    connection_id UUID PRIMARY KEY REFERENCES provider_connections (id) ON DELETE CASCADE,
    messages      TEXT[]      NOT NULL CHECK (cardinality(messages) BETWEEN 1 AND 10),
    reported_at   TIMESTAMPTZ NOT NULL
);
