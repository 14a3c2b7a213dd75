package io.dashtam.providers;

import io.dashtam.portfolio.AccountBatch;
import java.util.List;

/**
 * One transactions call's answer. {@code full}: the answer reached the provider's row cap, so it may have been cut
 * short; its rows are not stored, the engine fetches the window again in smaller spans, sized from the time the
 * rows cover when there are any.
 */
public record TransactionPage(List<AccountBatch.Transaction> rows, boolean full) {

    public TransactionPage {
        rows = rows == null ? List.of() : rows;
    }

    public static TransactionPage of(List<AccountBatch.Transaction> rows) {
        return new TransactionPage(rows, false);
    }

    /** A full answer; {@code rows} as far as they were read (none when unknown), to size the next window. */
    public static TransactionPage capped(List<AccountBatch.Transaction> rows) {
        return new TransactionPage(rows, true);
    }
}
