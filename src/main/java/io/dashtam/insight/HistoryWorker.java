package io.dashtam.insight;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.portfolio.PortfolioHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Re-derives the history of every account whose portfolio data changed: woken by the portfolio's NOTIFY (sent when
 * a sync batch or import commits) and on every catch-up, it claims changed accounts with a lease (SKIP LOCKED, so
 * replicas share the work and a crashed one's claim expires) on one background thread. A user's own prices changing
 * asks for their accounts again ({@link PriceChanges}).
 */
@Component
class HistoryWorker implements DatabaseNotifications.Listener, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final DatabaseNotifications notifications;
    private final PortfolioHistory portfolio;
    private final HistoryDeriver deriver;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "history-derivation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private DatabaseNotifications.Subscription subscription;

    HistoryWorker(DatabaseNotifications notifications, PortfolioHistory portfolio, HistoryDeriver deriver,
            Clock clock) {
        this.notifications = notifications;
        this.portfolio = portfolio;
        this.deriver = deriver;
        this.clock = clock;
    }

    @Override
    public void onNotification(String payload) {
        wake();
    }

    @Override
    public void onCatchUp() {
        wake();
    }

    /** Runs a round soon (at most one queued besides a running one). */
    void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                drain();
            });
        }
    }

    /** Derives every changed account now; returns how many were derived. */
    int drain() {
        int done = 0;
        try {
            for (var batch = portfolio.claimChanged(10, LEASE, clock.instant()); !batch.isEmpty();
                    batch = portfolio.claimChanged(10, LEASE, clock.instant())) {
                for (var change : batch) {
                    try {
                        deriver.derive(change.accountId()).ifPresent(r -> log.debug(
                                "history of {}: {} days, {} changed, {} removed, {} ms", change.accountId(), r.days(),
                                r.changed(), r.removed(), r.millis()));
                        portfolio.done(change);
                        done++;
                    } catch (RuntimeException e) {
                        // The claim expires and the account is tried again then.
                        log.warn("deriving the history of account {} failed: {}", change.accountId(), e.toString());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("history derivation round failed: {}", e.toString());
        }
        return done;
    }

    @Override
    public void start() {
        subscription = notifications.subscribe(PortfolioHistory.CHANNEL, this);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
