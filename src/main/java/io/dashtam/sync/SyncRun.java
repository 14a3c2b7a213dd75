package io.dashtam.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One sync of one connection, as recorded. {@code warnings}: what the provider reported beside its data (e.g. a
 * bank the SimpleFIN bridge could not reach; the accounts it names may be missing or stale), sanitized.
 */
public record SyncRun(UUID id, UUID connectionId, String trigger, String status, Instant queuedAt, Instant startedAt,
        Instant finishedAt, int accounts, int added, int updated, int removed, String error, long waitedSeconds,
        String waitReason, java.util.List<String> warnings, Instant waitUntil) {

    /** What a running sync waits for now, from its reason: the provider's rate limit, a 429, or a retry's backoff. */
    public String waitKind() {
        return waitKind(waitReason);
    }

    static String waitKind(String reason) {
        if (reason == null) {
            return null;
        }
        return reason.startsWith("rate limit") ? "rate_limit" : reason.contains("HTTP 429") ? "throttled" : "retry";
    }

    /**
     * Totals of a run so far; each account batch adds its own. {@code waitedMillis}: time spent waiting for the
     * provider (rate limit, 429, backoff), {@code waitReason} the latest such wait, {@code waitUntil} when the wait
     * under way ends (null when none is).
     */
    record Counts(int accounts, int added, int updated, int removed, long waitedMillis, String waitReason,
            Instant waitUntil) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, null, null);

        Counts plus(io.dashtam.portfolio.BatchResult batch) {
            return new Counts(accounts + 1, added + batch.added() + (batch.accountCreated() ? 1 : 0),
                    updated + batch.updated(), removed + batch.removed(), waitedMillis, waitReason, null);
        }

        Counts plusRemoved(int more) {
            return new Counts(accounts, added, updated, removed + more, waitedMillis, waitReason, waitUntil);
        }

    }
}
