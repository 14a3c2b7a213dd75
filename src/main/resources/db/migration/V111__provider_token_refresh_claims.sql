-- Issue 24: a token refresh no longer holds the token row locked while it waits for the provider's token endpoint.
-- Whoever refreshes claims the row for a bounded time in a short transaction, calls the provider outside any
-- transaction, and stores the answer in another one; a claim that outlives its holder (a crash) lapses.
ALTER TABLE provider_tokens ADD COLUMN refresh_claim UUID;
ALTER TABLE provider_tokens ADD COLUMN refresh_claimed_until TIMESTAMPTZ;
