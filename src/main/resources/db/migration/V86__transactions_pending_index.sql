-- Each sync looks up an account's oldest pending transaction (it re-fetches from there) and removes pending rows
-- the provider stopped reporting: few rows, found without reading the account's whole history.
CREATE INDEX transactions_pending_idx ON transactions (account_id, occurred_at) WHERE status = 'PENDING';
