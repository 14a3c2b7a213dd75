package io.dashtam.insight;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.PortfolioHistory;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Lets tests outside this package derive every changed account's history now, instead of waiting for the worker. */
public final class HistoryDriver {

    private HistoryDriver() {
    }

    /** Derives until no account of the user waits (the background worker may take some meanwhile). */
    public static void deriveAll(ApplicationContext context, String userId) {
        HistoryWorker worker = context.getBean(HistoryWorker.class);
        PortfolioHistory portfolio = context.getBean(PortfolioHistory.class);
        UserId id = new UserId(UUID.fromString(userId));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (portfolio.pending(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the history of user " + userId + " was not derived within 60 s");
            }
            if (worker.drain() == 0) {
                Thread.onSpinWait();
            }
        }
    }
}
