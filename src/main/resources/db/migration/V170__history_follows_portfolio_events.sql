-- Issue 27: the derived history follows the portfolio's typed events (AccountRecordsChanged, published in each
-- writer's transaction and kept by the event publication registry) instead of triggers on its tables; the queue
-- of accounts waiting for their history is insight's own. Accounts that were waiting stay waiting.
CREATE TABLE history_pending (
    account_id    UUID        PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    user_id       UUID        NOT NULL,
    -- The earliest day a change concerns (a derivation still derives the whole account, writing changed days only).
    from_day      DATE        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    -- Moves on with every request: a claim is done only if no request came after it.
    version       BIGINT      NOT NULL,
    claimed_until TIMESTAMPTZ
);
CREATE INDEX history_pending_user_idx ON history_pending (user_id);

INSERT INTO history_pending (account_id, user_id, from_day, requested_at, version)
SELECT c.account_id, a.user_id, DATE '1900-01-01', c.changed_at, 1
FROM portfolio_history_changes c JOIN accounts a ON a.id = c.account_id;

DROP TRIGGER transactions_history_ins ON transactions;
DROP TRIGGER transactions_history_upd ON transactions;
DROP TRIGGER transactions_history_del ON transactions;
DROP TRIGGER snapshots_history_ins ON balance_snapshots;
DROP TRIGGER snapshots_history_upd ON balance_snapshots;
DROP TRIGGER holdings_history_ins ON holdings;
DROP TRIGGER holdings_history_upd ON holdings;
DROP FUNCTION portfolio_history_changed();
-- No release had the triggers' queue (it came after 0.1.0, the last release): nothing reads it any more.
DROP TABLE portfolio_history_changes; -- contract: portfolio_history_changes, unused since 0.1.0
