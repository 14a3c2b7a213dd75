package io.dashtam.insight;

import io.dashtam.markets.PricesChanged;
import io.dashtam.portfolio.AccountRecordsChanged;
import io.dashtam.portfolio.PortfolioHistory;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What asks for a history to be derived again, from the one event backbone (durable through the event publication
 * registry, so a crash between a write's commit and this loses nothing): an account's records changed (a sync
 * window, its last step, an import), or a user's own closes changed (every account of theirs). Only queues the
 * account (a short transaction and a NOTIFY); {@link HistoryWorker} derives it.
 */
@Component
class HistoryRequests {

    /** A user's own closes may matter on any day of any account: derive from the start. */
    private static final LocalDate EVERY_DAY = LocalDate.of(1900, 1, 1);

    private final HistoryQueue queue;
    private final PortfolioHistory portfolio;
    private final Clock clock;

    HistoryRequests(HistoryQueue queue, PortfolioHistory portfolio, Clock clock) {
        this.queue = queue;
        this.portfolio = portfolio;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(AccountRecordsChanged changed) {
        queue.request(changed.accountId(), changed.userId(), changed.from(), clock.instant());
    }

    @ApplicationModuleListener
    void on(PricesChanged changed) {
        portfolio.accounts(changed.userId()).forEach(a -> queue.request(a.id(), changed.userId(), EVERY_DAY,
                clock.instant()));
    }
}
