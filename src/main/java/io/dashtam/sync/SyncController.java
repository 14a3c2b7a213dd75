package io.dashtam.sync;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.BudgetSpent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** On-demand syncs and the run history of a connection the caller owns (another user's connection is 404). */
@RestController
@RequestMapping("/api/v1/connections/{id}/syncs")
class SyncController {

    private final SyncConnections connections;
    private final SyncJobs jobs;
    private final Clock clock;

    SyncController(SyncConnections connections, SyncJobs jobs, Clock clock) {
        this.connections = connections;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * 202 with the queued run, or with the run already queued or running (never two at once). 429 problem+json
     * with {@code Retry-After} and {@code retryAt} while the connection's own request budget at its provider is
     * spent (SimpleFIN: about 24 requests a day per connection, scheduled syncs included): nothing is queued.
     */
    @PostMapping
    ResponseEntity<SyncRun> start(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        var connection = owned(caller, id);
        // Every provider connection syncs (brokerage, bank via SimpleFIN...); only file connections do not.
        if ("file".equals(connection.category())) {
            throw ApiException.conflict("A " + connection.category() + " connection is not synced; import files "
                    + "into it instead");
        }
        if (jobs.live(id).isEmpty()) {
            connections.requestBudgetSpent(id).ifPresent(spent -> {
                throw budgetSpent(spent);
            });
        }
        SyncRun run = jobs.request(id, caller.id(), "manual", clock.instant());
        return ResponseEntity.accepted().location(URI.create("/api/v1/connections/" + id + "/syncs/" + run.id()))
                .body(run);
    }

    private ApiException budgetSpent(BudgetSpent spent) {
        long seconds = Math.max(1, (Duration.between(clock.instant(), spent.until()).toMillis() + 999) / 1000);
        return new ApiException(429, "Too Many Requests", "Not synced now: " + spent.describe()
                + ". Scheduled syncs go on within the budget.", Map.of("retryAfterSeconds", seconds,
                "retryAt", spent.until().toString()));
    }

    @GetMapping
    List<SyncRun> list(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        owned(caller, id);
        return jobs.runs(id, 100);
    }

    @GetMapping("/{runId}")
    SyncRun one(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id, @PathVariable UUID runId) {
        owned(caller, id);
        return jobs.run(id, runId).orElseThrow(() -> ApiException.notFound("Sync run"));
    }

    private SyncConnections.SyncTarget owned(AuthenticatedUser caller, UUID id) {
        return connections.find(id).filter(c -> c.userId().equals(caller.id()))
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }
}
