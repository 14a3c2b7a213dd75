package io.dashtam.insight;

import io.dashtam.core.DatabaseNotifications;
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
 * Derives the history of every account that waits for it ({@link HistoryQueue}, filled by {@link HistoryRequests}
 * from the portfolio's and the markets' events): woken by the queue's NOTIFY and on every catch-up, it claims
 * accounts with a lease ({@code SKIP LOCKED}, so replicas share the work and a crashed one's claim expires), on one
 * background thread, never on the thread of the sync or import that caused it.
 */
@Component
class HistoryWorker implements DatabaseNotifications.Listener, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final DatabaseNotifications notifications;
    private final HistoryQueue queue;
    private final HistoryDeriver deriver;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "history-derivation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private DatabaseNotifications.Subscription subscription;

    HistoryWorker(DatabaseNotifications notifications, HistoryQueue queue, HistoryDeriver deriver, Clock clock) {
        this.notifications = notifications;
        this.queue = queue;
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
            for (var batch = queue.claim(10, LEASE, clock.instant()); !batch.isEmpty();
                    batch = queue.claim(10, LEASE, clock.instant())) {
                for (var change : batch) {
                    try {
                        deriver.derive(change.accountId()).ifPresent(r -> log.debug(
                                "history of {}: {} days, {} changed, {} removed, {} ms", change.accountId(), r.days(),
                                r.changed(), r.removed(), r.millis()));
                        queue.done(change);
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
        subscription = notifications.subscribe(HistoryQueue.CHANNEL, this);
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
