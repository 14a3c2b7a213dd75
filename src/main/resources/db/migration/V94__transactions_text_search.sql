-- Text search over a user's transactions (GET /api/v1/transactions?q=, the transactions page): description ILIKE
-- '%term%' OR symbol ILIKE '%term%'. A term that matches nothing would otherwise read the user's whole history
-- (measured, bench/transaction-search.sh, 100,000 rows for the user among 500,000: 877 ms median, a sequential
-- scan); with trigram indexes on both columns the planner ORs two bitmap scans (1.7 ms). Common terms still walk
-- transactions_user_time_idx newest first and stop at the page size. The price is ingest: bulk inserts measured
-- about 2.9x slower in the same run. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may
-- create it; it ships with PostgreSQL's contrib, in the embedded binaries and the official images.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX transactions_description_trgm_idx ON transactions USING gin (description gin_trgm_ops);
CREATE INDEX transactions_symbol_trgm_idx ON transactions USING gin (symbol gin_trgm_ops);
