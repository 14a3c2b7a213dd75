package io.dashtam.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval        how often each connection is synced by the scheduler
 * @param pollInterval    how often an instance looks for due jobs
 * @param lease           how long a claim holds without renewal; a dead instance's job is taken over after it
 * @param backfill        how far back the first sync fetches transactions (at most what the provider allows)
 * @param overlap         how far an incremental sync re-fetches before the end of the last successful window
 * @param window          the date window of one transactions call (at most what the provider allows)
 * @param requestTimeout  per provider API call
 * @param parallelCalls   transaction windows fetched at once after the first (mind the provider's rate limit)
 * @param instanceId      names this instance in leases; defaults to host and process id
 */
@ConfigurationProperties("dashtam.sync")
record SyncProperties(Duration interval, Duration pollInterval,
        Duration lease, Duration backfill,
        Duration overlap, Duration window,
        Duration requestTimeout,
        int parallelCalls, String instanceId) {

    SyncProperties {
        // Each provider's own limits (ProviderLimits) cap these further, per connection.
        if (backfill.isNegative() || backfill.isZero() || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dashtam.sync.backfill and window must be positive");
        }
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("dashtam.sync.lease must be at least 10s");
        }
        // One call may take the whole request timeout while the lease runs: it is renewed right before each call,
        // so a lease of two timeouts or more always outlasts a slow call (a shorter one lets a live run be taken).
        if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("dashtam.sync.lease must be at least twice dashtam.sync.request-timeout"
                    + " (a slow provider call would outlast it and another instance would take a live run over)");
        }
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = hostName() + ":" + ProcessHandle.current().pid();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
