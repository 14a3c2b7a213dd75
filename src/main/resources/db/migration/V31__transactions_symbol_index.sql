-- Filtering a user's transactions by symbol in pagination order without scanning the whole history
-- (measured: 825 ms p50 at 1M rows without it).
CREATE INDEX transactions_user_symbol_idx ON transactions (user_id, symbol, occurred_at DESC, id DESC)
    WHERE symbol IS NOT NULL;
