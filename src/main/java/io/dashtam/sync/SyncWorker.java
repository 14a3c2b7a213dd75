package io.dashtam.sync;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims due jobs and runs them. With scheduling enabled it polls; tests call {@link #runDue()} directly. Any
 * number of instances may poll the same database: each job is claimed by one of them at a time.
 */
@Component
class SyncWorker {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final int MAX_RUNS_PER_POLL = 50;

    private final SyncJobs jobs;
    private final SyncRunner runner;
    private final SyncConnections connections;
    private final SyncProperties properties;
    private final Clock clock;

    SyncWorker(SyncJobs jobs, SyncRunner runner, SyncConnections connections, SyncProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dashtam.sync.poll-interval:5s}", initialDelayString = "10s")
    void poll() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("sync poll failed: {}", e.toString());
        }
    }

    /** Schedules syncable connections, then runs every due job this instance can claim. Returns runs executed. */
    int runDue() {
        jobs.reconcile(connections.active().stream().filter(SyncConnections.Connection::syncable).toList(),
                clock.instant());
        int runs = 0;
        Optional<SyncJobs.Claim> claim;
        while (runs < MAX_RUNS_PER_POLL
                && (claim = jobs.claimNext(properties.instanceId(), clock.instant(), properties.lease())).isPresent()) {
            execute(claim.get());
            runs++;
        }
        return runs;
    }

    private void execute(SyncJobs.Claim claim) {
        var progress = new LeaseProgress(claim);
        String error = null;
        Instant syncedUntil = null;
        try {
            syncedUntil = runner.sync(claim, progress);
        } catch (LeaseLostException e) {
            log.warn("sync run {} lost its lease; another instance took it over", claim.runId());
            return;
        } catch (ProviderCallException e) {
            error = e.getMessage();
            connections.providerFailed(claim.connectionId(), e);
        } catch (SyncConnections.UnusableException | AccountBatch.InvalidDataException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("sync run {} failed", claim.runId(), e);
            error = "internal error (" + e.getClass().getSimpleName() + ")";
        }
        Instant now = clock.instant();
        jobs.finish(claim, progress.counts(), error, syncedUntil, now, now.plus(connections.interval(claim.connectionId(), properties.interval())));
    }

    private final class LeaseProgress implements SyncRunner.Progress {
        private final SyncJobs.Claim claim;
        private SyncRun.Counts counts = SyncRun.Counts.NONE;
        /** The claim set the lease just now. */
        private Instant renewed = clock.instant();

        LeaseProgress(SyncJobs.Claim claim) {
            this.claim = claim;
        }

        @Override
        public void report(SyncRun.Counts now) {
            counts = now;
            // A renewal is a commit; the lease lasts minutes, so one every tenth of it is plenty (not every page).
            Instant at = clock.instant();
            if (Duration.between(renewed, at).compareTo(properties.lease().dividedBy(10)) < 0) {
                return;
            }
            renewed = at;
            if (!jobs.renew(claim, now, at, properties.lease())) {
                if (!jobs.exists(claim.connectionId())) {
                    throw new SyncConnections.UnusableException("connection deleted");
                }
                throw new LeaseLostException();
            }
        }

        @Override
        public SyncRun.Counts counts() {
            return counts;
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
