package io.dashtam.providers;

import io.dashtam.portfolio.AccountBatch;
import java.util.List;

/**
 * One transactions call's answer. {@code full}: the answer reached the provider's row cap, so it may have been cut
 * short; its rows are not used (and need not be mapped), the engine fetches the window again in halves.
 */
public record TransactionPage(List<AccountBatch.Transaction> rows, boolean full) {

    private static final TransactionPage FULL = new TransactionPage(List.of(), true);

    public TransactionPage {
        rows = rows == null ? List.of() : rows;
    }

    public static TransactionPage of(List<AccountBatch.Transaction> rows) {
        return new TransactionPage(rows, false);
    }

    public static TransactionPage capped() {
        return FULL;
    }
}
