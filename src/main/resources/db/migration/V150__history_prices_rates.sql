-- Issue 27: daily value history, prices, exchange rates and each user's base currency.

-- portfolio: which accounts' stored history inputs changed since the last derivation (kept by triggers, so every
-- writer (sync batches, imports, closing) is covered in its own transaction, and a NOTIFY wakes the derivation).
CREATE TABLE portfolio_history_changes (
    account_id    UUID        PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    changed_at    TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ
);

CREATE FUNCTION portfolio_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portfolio_history_changes (account_id, changed_at)
    SELECT account_id, clock_timestamp() FROM (SELECT DISTINCT account_id FROM changed_rows) c
    -- Rows deleted with their account (a removed connection) leave nothing to derive.
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = c.account_id)
    ON CONFLICT (account_id) DO UPDATE SET changed_at = excluded.changed_at, claimed_until = NULL;
    PERFORM pg_notify('portfolio_history', '');
    RETURN NULL;
END $$;

CREATE TRIGGER transactions_history_ins AFTER INSERT ON transactions REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER transactions_history_upd AFTER UPDATE ON transactions REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER transactions_history_del AFTER DELETE ON transactions REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER snapshots_history_ins AFTER INSERT ON balance_snapshots REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER snapshots_history_upd AFTER UPDATE ON balance_snapshots REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER holdings_history_ins AFTER INSERT ON holdings REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();
CREATE TRIGGER holdings_history_upd AFTER UPDATE ON holdings REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION portfolio_history_changed();

-- markets: one close per symbol and day, with where it came from. user_id is NULL for market data (a provider's
-- price history, the sandbox), set for a user's own CSV import or manual entry (seen by that user only).
CREATE TABLE symbol_prices (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id  UUID REFERENCES users (id) ON DELETE CASCADE,
    symbol   TEXT          NOT NULL CHECK (length(symbol) BETWEEN 1 AND 32),
    day      DATE          NOT NULL,
    close    NUMERIC(24,8) NOT NULL CHECK (close > 0),
    currency CHAR(3)       NOT NULL,
    source   TEXT          NOT NULL CHECK (source IN ('provider', 'sandbox', 'csv', 'manual')),
    fetched_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX symbol_prices_market_idx ON symbol_prices (symbol, day) WHERE user_id IS NULL;
CREATE UNIQUE INDEX symbol_prices_user_idx ON symbol_prices (user_id, symbol, day, source) WHERE user_id IS NOT NULL;

-- What was asked of a price source per symbol, so the next fetch asks only for days after it (incremental).
CREATE TABLE symbol_price_fetches (
    symbol     TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    fetched_to DATE        NOT NULL,
    fetched_from DATE      NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (symbol, source)
);

-- markets: euro reference rates (1 EUR = rate units of currency), per publication day, with the source; a
-- user's manual rate (user_id set, quoted as 1 base = rate quote) overrides for that user.
CREATE TABLE fx_rates (
    day      DATE          NOT NULL,
    currency CHAR(3)       NOT NULL,
    rate     NUMERIC(20,10) NOT NULL CHECK (rate > 0),
    source   TEXT          NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (currency, day)
);
CREATE TABLE fx_manual_rates (
    user_id  UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day      DATE          NOT NULL,
    base     CHAR(3)       NOT NULL,
    quote    CHAR(3)       NOT NULL,
    rate     NUMERIC(20,10) NOT NULL CHECK (rate > 0),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, base, quote, day)
);

-- insight: each account's value at the end of each day, derived (walked back from the latest balance through its
-- transactions and valued with that day's closes) or reported (a stored balance snapshot: it always wins), with
-- the day's external flows, income and fees for returns. carried: a price was missing and the value carried
-- forward; missing_symbols names them.
CREATE TABLE account_daily_values (
    account_id UUID          NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    UUID          NOT NULL,
    day        DATE          NOT NULL,
    value      NUMERIC(22,4) NOT NULL,
    flows      NUMERIC(22,4) NOT NULL,
    income     NUMERIC(22,4) NOT NULL,
    fees       NUMERIC(22,4) NOT NULL,
    currency   CHAR(3)       NOT NULL,
    kind       TEXT          NOT NULL CHECK (kind IN ('reported', 'derived', 'carried')),
    missing_symbols TEXT,
    derived_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (account_id, day)
);
CREATE INDEX account_daily_values_user_day_idx ON account_daily_values (user_id, day);

-- insight: the user's base currency (NULL row: the first account's currency).
CREATE TABLE user_base_currency (
    user_id  UUID    PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    currency CHAR(3) NOT NULL
);
