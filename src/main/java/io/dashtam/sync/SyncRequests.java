package io.dashtam.sync;

import io.dashtam.core.AuthenticatedUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** "Sync now" and a run's progress for the web app, through the API's own controller (ownership, one run at once). */
@Service
public class SyncRequests {

    private final SyncController api;

    SyncRequests(SyncController api) {
        this.api = api;
    }

    /** A run as a page shows it: status {@code queued}, {@code running}, {@code succeeded} or {@code failed}. */
    public record RunStatus(UUID id, UUID connectionId, String status, Instant queuedAt, Instant startedAt,
            Instant finishedAt, int accounts, int added, int updated, int removed, String error) {

        public boolean finished() {
            return "succeeded".equals(status) || "failed".equals(status);
        }

        static RunStatus of(SyncRun r) {
            return new RunStatus(r.id(), r.connectionId(), r.status(), r.queuedAt(), r.startedAt(), r.finishedAt(),
                    r.accounts(), r.added(), r.updated(), r.removed(), r.error());
        }
    }

    public RunStatus start(AuthenticatedUser caller, UUID connection) {
        return RunStatus.of(api.start(caller, connection).getBody());
    }

    public RunStatus run(AuthenticatedUser caller, UUID connection, UUID run) {
        return RunStatus.of(api.one(caller, connection, run));
    }

    /** The newest run of a connection, if it ever ran. */
    public Optional<RunStatus> latest(AuthenticatedUser caller, UUID connection) {
        List<SyncRun> runs = api.list(caller, connection);
        return runs.stream().findFirst().map(RunStatus::of);
    }
}
