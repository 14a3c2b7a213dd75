-- Time a run spent waiting for its provider (rate limit, 429 Retry-After, backoff after a transient failure) and
-- the latest reason: throttling is shown on the run rather than failing it.
ALTER TABLE sync_runs ADD COLUMN waited_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN wait_reason TEXT;
