package io.dashtam.sync;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.providers.BudgetSpent;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * On-demand syncs and the run history of a connection the caller owns (another user's connection is not found),
 * for the API and the pages alike.
 */
@Service
public class SyncService {

    /** How much run history a connection lists. */
    static final int HISTORY = 100;

    private final SyncConnections connections;
    private final SyncJobs jobs;
    private final Clock clock;

    SyncService(SyncConnections connections, SyncJobs jobs, Clock clock) {
        this.connections = connections;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The queued run, or the run already queued or running (never two at once). Refused while the connection's
     * own request budget at its provider is spent (SimpleFIN: about 24 requests a day per connection, scheduled
     * syncs included): nothing is queued, and the refusal says when to retry.
     */
    public SyncRun start(AuthenticatedUser caller, UUID connectionId) {
        var connection = owned(caller, connectionId);
        // Every provider connection syncs (brokerage, bank via SimpleFIN...); only file connections do not.
        if ("file".equals(connection.category())) {
            throw new ConflictException("A " + connection.category() + " connection is not synced; import files "
                    + "into it instead");
        }
        if (jobs.live(connectionId).isEmpty()) {
            connections.requestBudgetSpent(connectionId).ifPresent(spent -> {
                throw budgetSpent(spent);
            });
        }
        return jobs.request(connectionId, caller.id(), "manual", clock.instant());
    }

    private RateLimitedException budgetSpent(BudgetSpent spent) {
        long seconds = Math.max(1, (Duration.between(clock.instant(), spent.until()).toMillis() + 999) / 1000);
        return new RateLimitedException("Not synced now: " + spent.describe()
                + ". Scheduled syncs go on within the budget.", seconds, Map.of("retryAt", spent.until().toString()));
    }

    /** The newest runs first. */
    public List<SyncRun> runs(AuthenticatedUser caller, UUID connectionId) {
        owned(caller, connectionId);
        return jobs.runs(connectionId, HISTORY);
    }

    public SyncRun run(AuthenticatedUser caller, UUID connectionId, UUID runId) {
        owned(caller, connectionId);
        return jobs.run(connectionId, runId).orElseThrow(() -> new NotFoundException("Sync run"));
    }

    /** The newest run of one of the caller's connections, if it ever ran. */
    public Optional<SyncRun> latest(AuthenticatedUser caller, UUID connectionId) {
        return jobs.latest(caller.id(), List.of(connectionId)).stream().findFirst();
    }

    /** The newest run of each of {@code connectionIds} that are the caller's and ever ran, in one query. */
    public Map<UUID, SyncRun> latest(AuthenticatedUser caller, Collection<UUID> connectionIds) {
        return jobs.latest(caller.id(), connectionIds).stream()
                .collect(java.util.stream.Collectors.toMap(SyncRun::connectionId, r -> r));
    }

    private SyncConnections.SyncTarget owned(AuthenticatedUser caller, UUID id) {
        return connections.find(id).filter(c -> c.userId().equals(caller.id()))
                .orElseThrow(() -> new NotFoundException("Connection"));
    }
}
