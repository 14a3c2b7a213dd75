package io.dashtam.events;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the events table to its retention (age and count per user) and numbers strays whose producer died
 * between commit and numbering, and drops lapsed stream leases. Safe on every replica at once: deletes and
 * the advisory-locked numbering do not conflict.
 */
@Component
class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    private final EventStore store;
    private final StreamLeases leases;
    private final EventsProperties properties;
    private final Clock clock;

    EventRetention(EventStore store, StreamLeases leases, EventsProperties properties, Clock clock) {
        this.store = store;
        this.leases = leases;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dashtam.events.prune-interval:10m}", initialDelayString = "60s")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("event retention failed: {}", e.toString());
        }
    }

    int run() {
        store.sequence();
        leases.prune();
        return store.prune(clock.instant().minus(properties.retentionAge()), properties.retentionCount());
    }
}
