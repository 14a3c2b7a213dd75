package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.NotFoundException;
import io.dashtam.events.EventSubscriptions;
import io.dashtam.providers.ConnectionService;
import io.dashtam.providers.ConnectionView;
import io.dashtam.sync.SyncRun;
import io.dashtam.sync.SyncService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What several pages put into their model alike: where the event stream starts, connections with their last sync. */
@Component
class PageModel {

    private final ConnectionService connections;
    private final SyncService syncs;
    private final EventSubscriptions events;

    PageModel(ConnectionService connections, SyncService syncs, EventSubscriptions events) {
        this.connections = connections;
        this.syncs = syncs;
        this.events = events;
    }

    /** A connection with its newest run (null when it never ran, or is not synced). */
    record ConnectionRow(ConnectionView connection, SyncRun lastSync) {
    }

    /**
     * Where app.js's event stream starts: the newest event before this page read its state, so whatever changes
     * after the read reaches the page (at worst twice, which the page shows the same way).
     */
    void followEvents(AuthenticatedUser me, Model model) {
        model.addAttribute("eventsAfter", events.latest(me));
    }

    /** Each connection with its newest run, in the same few queries however many connections there are. */
    List<ConnectionRow> connectionRows(AuthenticatedUser me) {
        List<ConnectionView> list = connections.list(me);
        Map<UUID, SyncRun> latest = syncs.latest(me, list.stream().filter(ConnectionView::synced)
                .map(c -> UUID.fromString(c.id())).toList());
        return list.stream().map(c -> new ConnectionRow(c, latest.get(UUID.fromString(c.id())))).toList();
    }

    /** Whether the sample-data sandbox brokerage can be connected here (dev and test), for a newcomer's guidance. */
    boolean sandboxOffered() {
        return connections.providers().stream().anyMatch(p -> "sandbox".equals(p.key()) && p.configured());
    }

    /** An id in a page's path or form; anything but a UUID names nothing there is. */
    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("Page");
        }
    }
}
