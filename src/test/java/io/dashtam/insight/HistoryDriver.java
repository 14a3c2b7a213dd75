package io.dashtam.insight;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.PortfolioHistory;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Lets tests outside this package derive every waiting account's history now, instead of waiting for the worker. */
public final class HistoryDriver {

    private HistoryDriver() {
    }

    /** Derives until no account of the user waits (the background worker may take some meanwhile). */
    public static void deriveAll(ApplicationContext context, String userId) {
        HistoryWorker worker = context.getBean(HistoryWorker.class);
        HistoryQueue queue = context.getBean(HistoryQueue.class);
        UserId id = new UserId(UUID.fromString(userId));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (queue.pending(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the history of user " + userId + " was not derived within 120 s");
            }
            if (worker.drain() == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * For rows written straight into the tables (benchmark seeds), which no writer announced: asks for every
     * account of the user, then derives them.
     */
    public static void deriveEveryAccount(ApplicationContext context, String userId) {
        HistoryQueue queue = context.getBean(HistoryQueue.class);
        UserId id = new UserId(UUID.fromString(userId));
        context.getBean(PortfolioHistory.class).accounts(id).forEach(a -> queue.request(a.id(), id,
                LocalDate.of(1900, 1, 1), java.time.Instant.now()));
        deriveAll(context, userId);
    }
}
