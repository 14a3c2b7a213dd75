package io.dashtam.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One sync of one connection, as recorded. {@code warnings}: what the provider reported beside its data (e.g. a
 * bank the SimpleFIN bridge could not reach; the accounts it names may be missing or stale), sanitized.
 */
public record SyncRun(UUID id, UUID connectionId, String trigger, String status, Instant queuedAt, Instant startedAt,
        Instant finishedAt, int accounts, int added, int updated, int removed, String error, long waitedSeconds,
        String waitReason, java.util.List<String> warnings) {

    /**
     * Totals of a run so far; each account batch adds its own. {@code waitedMillis}: time spent waiting for the
     * provider (rate limit, 429, backoff), {@code waitReason} the latest such wait.
     */
    record Counts(int accounts, int added, int updated, int removed, long waitedMillis, String waitReason) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, null);

        Counts plus(io.dashtam.portfolio.BatchResult batch) {
            return new Counts(accounts + 1, added + batch.added() + (batch.accountCreated() ? 1 : 0),
                    updated + batch.updated(), removed + batch.removed(), waitedMillis, waitReason);
        }

        Counts plusRemoved(int more) {
            return new Counts(accounts, added, updated, removed + more, waitedMillis, waitReason);
        }

    }
}
