package io.dashtam.providers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Test-only listener (scanned into the shared IT context): what the sync engine would receive. */
@Component
class ConnectionActivatedRecorder {

    private final List<ConnectionActivated> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ConnectionActivated event) {
        events.add(event);
    }

    List<ConnectionActivated> events() {
        return List.copyOf(events);
    }
}
