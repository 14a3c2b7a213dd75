-- The 24-hour reminder before a connection's deadline (issue 15). reminded_deadline is the deadline the owner was
-- last reminded of: one instance claims a due reminder with a conditional UPDATE (FOR UPDATE SKIP LOCKED), so it
-- is sent exactly once per connection and deadline across replicas; a renewed authorization has a new deadline,
-- which gets its own reminder in turn.
ALTER TABLE provider_connections ADD COLUMN reminded_deadline TIMESTAMPTZ;
CREATE INDEX provider_connections_live_deadline_idx ON provider_connections (deadline)
    WHERE status IN ('active', 'reauth_required') AND deadline IS NOT NULL;
