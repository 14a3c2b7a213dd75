package io.dashtam.portfolio;

import java.util.UUID;

/**
 * What storing one account batch changed: rows added, rows whose values changed, holdings closed; and whether the
 * balance (hence net worth) and the holdings changed, for {@link PortfolioUpdate}.
 */
public record BatchResult(UUID accountId, boolean accountCreated, int added, int updated, int removed,
        int unchanged, boolean balanceChanged, boolean holdingsChanged) {

    public BatchResult(UUID accountId, boolean accountCreated, int added, int updated, int removed, int unchanged) {
        this(accountId, accountCreated, added, updated, removed, unchanged, false, false);
    }

    public BatchResult plus(int moreRemoved) {
        return new BatchResult(accountId, accountCreated, added, updated, removed + moreRemoved, unchanged,
                balanceChanged, holdingsChanged);
    }

    /** Whether anything a reader sees changed (a batch stored twice changes nothing the second time). */
    public boolean changed() {
        return accountCreated || added > 0 || updated > 0 || removed > 0 || balanceChanged || holdingsChanged;
    }
}
