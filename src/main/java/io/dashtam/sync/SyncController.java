package io.dashtam.sync;

import io.dashtam.core.AuthenticatedUser;
import java.net.URI;
import java.util.List;
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

    private final SyncService syncs;

    SyncController(SyncService syncs) {
        this.syncs = syncs;
    }

    /**
     * 202 with the queued run, or with the run already queued or running (never two at once). 429 problem+json
     * with {@code Retry-After} and {@code retryAt} while the connection's own request budget at its provider is
     * spent (SimpleFIN: about 24 requests a day per connection, scheduled syncs included): nothing is queued.
     */
    @PostMapping
    ResponseEntity<SyncRun> start(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        SyncRun run = syncs.start(caller, id);
        return ResponseEntity.accepted().location(URI.create("/api/v1/connections/" + id + "/syncs/" + run.id()))
                .body(run);
    }

    @GetMapping
    List<SyncRun> list(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return syncs.runs(caller, id);
    }

    @GetMapping("/{runId}")
    SyncRun one(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id, @PathVariable UUID runId) {
        return syncs.run(caller, id, runId);
    }
}
