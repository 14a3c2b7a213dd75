-- Per-provider request budgets shared by every instance: one row per provider (locked while a request is
-- admitted, so replicas queue on it) and a log of the requests admitted within the provider's window.
CREATE TABLE provider_rate_limits (
    provider     TEXT PRIMARY KEY,
    -- A provider that answered 429 gets no request from any instance before this.
    paused_until TIMESTAMPTZ
);

CREATE TABLE provider_requests (
    provider    TEXT        NOT NULL,
    admitted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX provider_requests_idx ON provider_requests (provider, admitted_at);
