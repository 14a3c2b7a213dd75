package io.dashtam.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * What a provider asks of the sync scheduler. The engine never fetches a transaction window longer than
 * {@code maxWindow} nor further back than {@code maxBackfill}; an answer holding {@code maxRowsPerCall} rows may have
 * been cut short, so that window is split and fetched again. {@code requestsPerMinute} is the provider's budget for
 * all replicas together (a limiter shared through PostgreSQL enforces it; 0 means undeclared), and
 * {@code defaultSyncInterval} how often a connection is synced unless configured otherwise.
 * {@code perConnection} (null: none) is a budget per connection, i.e. per credential (SimpleFIN's Bridge: about
 * 24 requests a day per access URL), spent before every request the adapter sends, scheduled or manual, and
 * enforced across replicas like the provider's budget; a manual sync is refused (429) while it is spent.
 */
public record ProviderLimits(Duration maxWindow, int maxRowsPerCall, Duration maxBackfill, int requestsPerMinute,
        Duration defaultSyncInterval, RateLimit perConnection) {

    /** Without a budget per connection. */
    public ProviderLimits(Duration maxWindow, int maxRowsPerCall, Duration maxBackfill, int requestsPerMinute,
            Duration defaultSyncInterval) {
        this(maxWindow, maxRowsPerCall, maxBackfill, requestsPerMinute, defaultSyncInterval, null);
    }

    public ProviderLimits {
        positive(maxWindow, "maxWindow");
        positive(maxBackfill, "maxBackfill");
        positive(defaultSyncInterval, "defaultSyncInterval");
        if (maxRowsPerCall < 2) {
            throw new IllegalArgumentException("maxRowsPerCall must be at least 2");
        }
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must not be negative");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
