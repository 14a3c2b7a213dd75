package io.dashtam.sync;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Until the providers module is wired in: no connection is known, so nothing syncs and every id is 404. */
@Component
class UnavailableConnections implements SyncConnections {

    @Override
    public Optional<Connection> find(UUID connectionId) {
        return Optional.empty();
    }

    @Override
    public List<Connection> active() {
        return List.of();
    }

    @Override
    public Session open(UUID connectionId) {
        throw new UnusableException("provider connections are not available");
    }
}
