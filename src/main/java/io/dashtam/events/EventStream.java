package io.dashtam.events;

import io.dashtam.core.UserId;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: whose it is, which types it wants, how far it got. It holds no database connection: reads
 * borrow one from the pool for the length of a query. Only the hub's executor reads and sends, one drain at a
 * time per stream; the wake counter makes sure a wake-up during a drain is not lost.
 */
final class EventStream {

    final UserId user;
    final UUID session;
    final EventSubscriptions.Credential credential;
    final Instant expiresAt;
    final SseEmitter emitter;
    /** This stream's row in event_stream_leases (the per-user limit across replicas). */
    final UUID lease = UUID.randomUUID();
    private final List<String> types;
    private volatile long cursor;
    final AtomicInteger wakeups = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    EventStream(UserId user, UUID session, EventSubscriptions.Credential credential, Instant expiresAt,
            List<String> types, long cursor, SseEmitter emitter) {
        this.user = user;
        this.session = session;
        this.credential = credential;
        this.expiresAt = expiresAt;
        this.types = types;
        this.cursor = cursor;
        this.emitter = emitter;
    }

    long cursor() {
        return cursor;
    }

    /** {@code sync.*} matches every type that starts with {@code sync.}; no filter matches everything. */
    boolean wants(String type) {
        if (types.isEmpty()) {
            return true;
        }
        for (String t : types) {
            if (t.endsWith(".*") ? type.startsWith(t.substring(0, t.length() - 1)) : type.equals(t)) {
                return true;
            }
        }
        return false;
    }

    void send(EventStore.StoredEvent event) throws IOException {
        if (wants(event.type())) {
            emitter.send(SseEmitter.event().id(Long.toString(event.seq())).name(event.type())
                    .data("{\"id\":\"" + event.seq() + "\",\"type\":\"" + event.type() + "\",\"at\":\""
                            + event.occurredAt() + "\",\"data\":" + event.payload() + "}", org.springframework.http
                            .MediaType.APPLICATION_JSON));
        }
        cursor = event.seq();
    }

    /** Sends a last event (e.g. {@code session.revoked}) and ends the stream; false if it had ended already. */
    boolean end(String type, String reason) {
        return end(type, reason, 0);
    }

    /** Like {@link #end(String, String)}, asking the client to reconnect after {@code reconnectMillis} if positive. */
    boolean end(String type, String reason, long reconnectMillis) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (type != null) {
                var event = SseEmitter.event().name(type).data("{\"type\":\"" + type + "\",\"reason\":\""
                        + reason + "\"}", org.springframework.http.MediaType.APPLICATION_JSON);
                emitter.send(reconnectMillis > 0 ? event.reconnectTime(reconnectMillis) : event);
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
        return true;
    }

    boolean ended() {
        return ended.get();
    }

    void markEnded() {
        ended.set(true);
    }
}
