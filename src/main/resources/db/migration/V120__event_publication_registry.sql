-- Spring Modulith's event publication registry (its v2 schema for PostgreSQL): a module event is recorded here in
-- the transaction that publishes it, once per after-commit listener (@ApplicationModuleListener), and completed
-- (deleted: spring.modulith.events.completion-mode) when the listener's own transaction commits. What a crash
-- leaves incomplete is resubmitted at the next start-up.
CREATE TABLE event_publication (
    id                     UUID NOT NULL PRIMARY KEY,
    listener_id            TEXT NOT NULL,
    event_type             TEXT NOT NULL,
    serialized_event       TEXT NOT NULL,
    publication_date       TIMESTAMPTZ NOT NULL,
    completion_date        TIMESTAMPTZ,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMPTZ
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
