package io.dashtam.events;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores an event in the caller's transaction and, once that commits, numbers it and wakes the streams on
 * every replica. Should numbering fail here (the instance dies after commit), the next catch-up on any replica
 * numbers it.
 */
@Component
class EventPublisher implements UserEvents {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final Pattern TYPE = Pattern.compile("[a-z]+(_[a-z]+)*(\\.[a-z]+(_[a-z]+)*)+");

    private final EventStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter published;

    EventPublisher(EventStore store, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.published = Counter.builder("dashtam.events.published").description("Live events stored")
                .register(meters);
    }

    @Override
    public Runnable publish(JdbcClient transaction, UserId user, String type, Map<String, ?> payload) {
        checkType(type);
        store.insert(transaction, user, type, clock.instant(), json.writeValueAsString(payload));
        published.increment();
        return this::sequence;
    }

    private static void checkType(String type) {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("bad event type " + type);
        }
    }

    @Override
    public void publish(UserId user, String type, Map<String, ?> payload) {
        checkType(type);
        store.insert(user, type, clock.instant(), json.writeValueAsString(payload));
        published.increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sequence();
                }
            });
        } else {
            sequence();
        }
    }

    private void sequence() {
        try {
            store.sequence();
        } catch (RuntimeException e) {
            log.warn("numbering events failed; the next catch-up will: {}", e.toString());
        }
    }
}
