-- When the wait a running sync is in ends (a provider's rate limit, a 429, a backoff), so a page can say in words
-- what it waits for and about how long; NULL while it is not waiting. Expand only: a nullable column.
ALTER TABLE sync_runs ADD COLUMN wait_until TIMESTAMPTZ;
