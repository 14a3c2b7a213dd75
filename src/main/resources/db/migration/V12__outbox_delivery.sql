-- SMTP delivery retries with backoff; a delivered message's body (which holds a token) is erased.
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
