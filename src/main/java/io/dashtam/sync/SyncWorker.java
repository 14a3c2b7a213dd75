package io.dashtam.sync;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.DatabaseOutages;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderCallException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims due jobs and runs them. With scheduling enabled it polls, and also wakes at once when a run is queued
 * on any replica ({@link SyncJobs#QUEUED_CHANNEL}); the poll stays as the fallback. Tests call {@link #runDue()}
 * directly. Any number of instances may poll the same database: each job is claimed by one of them at a time.
 */
@Component
class SyncWorker implements org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final int MAX_RUNS_PER_POLL = 50;
    static final String DATABASE_UNAVAILABLE = "database unavailable";
    /** Between attempts to record a run's end during an outage; the gate answers at once until the database is back. */
    private static final Duration FINISH_RETRY = Duration.ofMillis(500);
    /** How long a stopping instance waits for its runs to hand themselves back (each notices within 0.1 s). */
    private static final Duration HAND_BACK_WAIT = Duration.ofSeconds(3);

    private final SyncJobs jobs;
    private final SyncRunner runner;
    private final SyncConnections connections;
    private final SyncProperties properties;
    private final Clock clock;
    private final DatabaseNotifications notifications;
    private final SyncMetrics metrics;
    private final boolean scheduling;
    private final Counter polledClaims;
    private final Counter wakeupClaims;
    private final AtomicInteger wakeups = new AtomicInteger();
    /** This instance's runs in progress, by connection: only so they can be stopped, never to decide anything. */
    private final java.util.Map<java.util.UUID, RunControl> running = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile boolean started;
    /** When this instance last claimed a run: observability only (health details), never a decision. */
    private volatile Instant lastClaimAt;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sync-wakeup");
        t.setDaemon(true);
        return t;
    });

    SyncWorker(SyncJobs jobs, SyncRunner runner, SyncConnections connections, SyncProperties properties,
            Clock clock, DatabaseNotifications notifications,
            @Value("${dashtam.scheduling.enabled:true}") boolean scheduling, MeterRegistry meters,
            SyncMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.runner = runner;
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
        this.notifications = notifications;
        this.scheduling = scheduling;
        this.polledClaims = claims(meters, "poll");
        this.wakeupClaims = claims(meters, "wakeup");
    }

    private static Counter claims(MeterRegistry meters, String path) {
        return Counter.builder("dashtam.sync.claims").description("Sync runs claimed, by what found them")
                .tag("path", path).register(meters);
    }

    @PostConstruct
    void listen() {
        if (scheduling) {
            notifications.subscribe(SyncJobs.QUEUED_CHANNEL, payload -> wake());
        }
        // A deletion on any replica stops the connection's run wherever it runs, at once.
        notifications.subscribe(SyncJobs.CANCELLED_CHANNEL, payload -> {
            RunControl run = running.get(java.util.UUID.fromString(payload));
            if (run != null) {
                run.stop(RunControl.Stop.CANCELLED);
            }
        });
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /**
     * Before the web server drains (a higher phase stops first): claims nothing more, and hands this instance's runs
     * back, their provider calls interrupted, so another replica takes them over at once instead of after the lease.
     */
    @Override
    public void stop() {
        stopping = true;
        started = false;
        running.values().forEach(run -> run.stop(RunControl.Stop.HANDED_BACK));
        long deadline = System.nanoTime() + HAND_BACK_WAIT.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running.isEmpty()) {
            log.warn("{} sync run(s) still stopping at shutdown; their leases will lapse", running.size());
        }
    }

    Instant lastClaimAt() {
        return lastClaimAt;
    }

    @PreDestroy
    void stopWaking() {
        waker.shutdownNow();
    }

    /** Coalesces wake-ups: one claim loop at a time, and one more if a run was queued during it. */
    private void wake() {
        if (wakeups.getAndIncrement() == 0) {
            waker.execute(() -> {
                while (true) {
                    int seen = wakeups.get();
                    try {
                        claimAll(wakeupClaims);
                    } catch (RuntimeException e) {
                        log.warn("sync wake-up failed: {}", e.toString());
                    }
                    if (wakeups.compareAndSet(seen, 0)) {
                        return;
                    }
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${dashtam.sync.poll-interval:5s}", initialDelayString = "10s")
    void poll() {
        try {
            runDue();
        } catch (RuntimeException e) {
            if (DatabaseOutages.causedBy(e)) {
                log.debug("sync poll skipped: database unavailable ({})", DatabaseOutages.describe(e));
            } else {
                log.warn("sync poll failed: {}", e.toString());
            }
        }
    }

    /** Schedules syncable connections, then runs every due job this instance can claim. Returns runs executed. */
    int runDue() {
        jobs.reconcile(connections.active().stream().filter(SyncConnections.SyncTarget::syncable).toList(),
                clock.instant());
        return claimAll(polledClaims);
    }

    private int claimAll(Counter path) {
        int runs = 0;
        Optional<SyncJobs.Claim> claim;
        while (runs < MAX_RUNS_PER_POLL && !stopping
                && (claim = jobs.claimNext(properties.instanceId(), clock.instant(), properties.lease())).isPresent()) {
            path.increment();
            lastClaimAt = clock.instant();
            execute(claim.get());
            runs++;
        }
        return runs;
    }

    private void execute(SyncJobs.Claim claim) {
        var progress = new LeaseProgress(claim);
        Instant started = clock.instant();
        String provider = provider(claim);
        String error = null;
        Instant syncedUntil = null;
        RunControl run = new RunControl(properties.parallelCalls());
        running.put(claim.connectionId(), run);
        try {
            syncedUntil = runner.sync(claim, progress, run);
        } catch (LeaseLostException e) {
            log.warn("sync run {} lost its lease; another instance took it over", claim.runId());
            return;
        } catch (RunControl.StoppedException e) {
            // Below.
        } catch (SyncConnections.UnusableException | ProviderCallException | AccountBatch.InvalidDataException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            if (DatabaseOutages.causedBy(e)) {
                log.warn("sync run {} interrupted: database unavailable ({})", claim.runId(),
                        DatabaseOutages.describe(e));
                error = DATABASE_UNAVAILABLE;
            } else {
                log.warn("sync run {} failed", claim.runId(), e);
                error = "internal error (" + e.getClass().getSimpleName() + ")";
            }
        } finally {
            running.remove(claim.connectionId(), run);
            run.close();
        }
        // A run stopped before it ended: whatever failed on the way failed because of the stop.
        if (syncedUntil == null && run.stopped() != null && stoppedEarly(claim, run.stopped(), provider, started)) {
            return;
        }
        progress.recordWarnings();
        finish(claim, progress.counts(), error, syncedUntil);
        metrics.finished(provider, error == null ? "succeeded" : "failed", Duration.between(started, clock.instant()),
                progress.counts());
    }

    /** A deleted connection's run ends here (its rows went with it); a stopping instance hands its run back. */
    private boolean stoppedEarly(SyncJobs.Claim claim, RunControl.Stop stop, String provider, Instant started) {
        Thread.interrupted(); // the stop's interrupt must not fail the database work below
        if (stop == RunControl.Stop.CANCELLED) {
            log.info("sync run {} cancelled: {}", claim.runId(), stop.reason);
        } else if (jobs.handBack(claim, clock.instant())) {
            log.info("sync run {} handed back for another instance to take over", claim.runId());
        }
        metrics.finished(provider, stop == RunControl.Stop.CANCELLED ? "cancelled" : "handed_back",
                Duration.between(started, clock.instant()), SyncRun.Counts.NONE);
        return true;
    }

    /** The run's provider key for metric labels; a lookup failure must not fail the run. */
    private String provider(SyncJobs.Claim claim) {
        try {
            return connections.find(claim.connectionId()).map(SyncConnections.SyncTarget::providerKey)
                    .orElse("unknown");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Records the end of a run, retrying through a database outage: abandoned, the run would stay "running" until
     * its lease lapsed and be blamed on a crash. Once the database answers again the run ends at once, and the next
     * one comes on the normal schedule. Only an interrupt (shutdown) stops the retries; the lease covers that case.
     */
    private void finish(SyncJobs.Claim claim, SyncRun.Counts counts, String error, Instant syncedUntil) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                jobs.finish(claim, counts, error, syncedUntil, now,
                        now.plus(connections.interval(claim.connectionId(), properties.interval())));
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutages.causedBy(e)) {
                    throw e;
                }
                if (attempt == 1) {
                    log.warn("sync run {}: cannot record its end yet, database unavailable; retrying", claim.runId());
                }
            }
            try {
                Thread.sleep(FINISH_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("sync run {}: stopped retrying its end on shutdown; its lease will expire", claim.runId());
                return;
            }
        }
    }

    private final class LeaseProgress implements SyncRunner.Progress {
        private final SyncJobs.Claim claim;
        private SyncRun.Counts counts = SyncRun.Counts.NONE;
        private long waitedMillis;
        private String waitReason;
        /** The claim set the lease just now. */
        private Instant renewed = clock.instant();
        private Instant progressed;
        /** Null until the provider answered: a run that never reached it leaves the connection's warnings alone. */
        private volatile io.dashtam.providers.ProviderWarnings warnings;

        LeaseProgress(SyncJobs.Claim claim) {
            this.claim = claim;
        }

        @Override
        public void warned(java.util.List<String> reported) {
            warnings = io.dashtam.providers.ProviderWarnings.of(reported);
        }

        /** On the run, and as the connection's latest; a database failure here must not keep the run open. */
        void recordWarnings() {
            var reported = warnings;
            if (reported == null) {
                return;
            }
            try {
                jobs.warnings(claim, reported);
                connections.warned(claim.connectionId(), reported);
            } catch (RuntimeException e) {
                log.warn("sync run {}: could not record the provider's warnings: {}", claim.runId(), e.toString());
            }
        }

        @Override
        public synchronized void report(SyncRun.Counts now) {
            counts = now;
            Instant at0 = clock.instant();
            if (progressed == null || !at0.isBefore(progressed.plusMillis(500))) { // at most 2 a second per run
                progressed = at0;
                jobs.progressed(claim, now);
            }
            renew(Duration.ZERO);
        }

        /**
         * Renews the lease to last {@code ahead} beyond the usual lease: called after each page, before each
         * provider request (so a slow request, at most the request timeout, starts with nearly a whole lease ahead
         * of it, however many requests one call makes) and before each wait for the provider (which it covers).
         */
        private void renew(Duration ahead) {
            // A renewal is a commit; the lease lasts minutes, so one every tenth of it is plenty (not every page).
            Instant at = clock.instant();
            if (ahead.isZero() && Duration.between(renewed, at).compareTo(properties.lease().dividedBy(10)) < 0) {
                return;
            }
            renewed = at;
            if (!jobs.renew(claim, counts(), at, properties.lease().plus(ahead))) {
                if (!jobs.exists(claim.connectionId())) {
                    throw new SyncConnections.UnusableException("connection deleted");
                }
                throw new LeaseLostException();
            }
        }

        @Override
        public synchronized void waited(String reason, Duration duration) {
            waitedMillis += duration.toMillis();
            waitReason = reason;
            renew(duration);
        }

        @Override
        public synchronized void beforeRequest() {
            renew(Duration.ZERO);
        }

        @Override
        public synchronized SyncRun.Counts counts() {
            return new SyncRun.Counts(counts.accounts(), counts.added(), counts.updated(), counts.removed(),
                    waitedMillis, waitReason);
        }

        @Override
        public void holdJob(JdbcClient transaction) {
            switch (jobs.holdJob(claim, transaction)) {
                case HELD -> { }
                case LEASE_LOST -> throw new LeaseLostException();
                case JOB_GONE -> throw new SyncConnections.UnusableException("connection deleted");
            }
        }
    }

    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException() {
            super("lease lost", null, false, false);
        }
    }
}
