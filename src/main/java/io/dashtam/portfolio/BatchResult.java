package io.dashtam.portfolio;

import java.util.UUID;

/** What storing one account batch changed: rows added, rows whose values changed, holdings closed. */
public record BatchResult(UUID accountId, boolean accountCreated, int added, int updated, int removed,
        int unchanged) {

    public BatchResult plus(int moreRemoved) {
        return new BatchResult(accountId, accountCreated, added, updated, removed + moreRemoved, unchanged);
    }
}
