package io.dashtam.events;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens a user's event stream, whatever proved who they are: the API's bearer token ({@code GET /api/v1/events})
 * or the web app's cookie session (its page-route alias). One implementation of filters, replay, reset and
 * limits for both; the caller only says how to re-check its credential when a session may have been revoked,
 * and until when the stream may live before the client must reconnect (and so authenticate again).
 */
@Service
public class EventSubscriptions {

    /**
     * Whether a stream's credential still proves its session. Asked when a revocation names the stream's session
     * or user: false ends the stream with {@code session.revoked}; an exception (database trouble) keeps it.
     */
    @FunctionalInterface
    public interface Credential {
        boolean live();
    }

    private static final Pattern TYPE_FILTER = Pattern.compile("[a-z_]+(\\.[a-z_]+)*(\\.\\*)?");

    private final EventStreams streams;
    private final EventStore store;
    private final EventsProperties properties;
    private final Clock clock;

    EventSubscriptions(EventStreams streams, EventStore store, EventsProperties properties, Clock clock) {
        this.streams = streams;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The user's newest event id: a page rendered now follows the stream from here, so it misses nothing. */
    public long latest(AuthenticatedUser caller) {
        return store.latest(caller.id());
    }

    /** When a stream proven by a long-lived credential ends, so the client reconnects and proves it again. */
    public Instant renewedStreamEnd() {
        return clock.instant().plus(properties.sessionStreamLifetime());
    }

    /**
     * A stream for a cookie session: it ends after {@code dashtam.events.session-stream-lifetime} (15 min), when
     * the browser reconnects with {@code Last-Event-ID} and its cookie is checked afresh.
     */
    public SseEmitter openForSession(AuthenticatedUser caller, Credential credential, String types,
            String lastEventId, HttpServletResponse response) throws IOException {
        return open(caller, credential, clock.instant().plus(properties.sessionStreamLifetime()), types,
                lastEventId, true, response);
    }

    SseEmitter open(AuthenticatedUser caller, Credential credential, Instant expiresAt, String types,
            String lastEventId, boolean follow, HttpServletResponse response) throws IOException {
        List<String> filter = types == null || types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).toList();
        for (String t : filter) {
            if (!TYPE_FILTER.matcher(t).matches()) {
                throw InvalidInputException.field("types", "a comma-separated list of event types or prefixes "
                        + "such as sync.*");
            }
        }
        SseEmitter emitter = new SseEmitter(0L); // no servlet timeout: the stream ends at expiresAt
        long cursor;
        boolean reset = false;
        if (lastEventId == null || lastEventId.isBlank()) {
            cursor = store.latest(caller.id());
        } else {
            long last = parse(lastEventId);
            OptionalLong horizon = store.horizon(caller.id());
            if (last < 0 || last > store.highestIssued() || (horizon.isPresent() && last < horizon.getAsLong())) {
                reset = true;
                cursor = store.latest(caller.id());
            } else {
                cursor = last;
            }
        }
        // Proxies must pass each event on at once; compressing would buffer them.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        EventStream stream = new EventStream(caller.id(), caller.sessionId(), credential, expiresAt, filter, cursor,
                emitter);
        // Commits the headers at once (a client knows the stream is open) and paces EventSource's reconnects.
        emitter.send(SseEmitter.event().reconnectTime(3_000));
        if (reset) {
            emitter.send(SseEmitter.event().name("reset").data("{\"type\":\"reset\",\"reason\":\"Last-Event-ID is "
                    + "older than the events kept; re-read state\"}", MediaType.APPLICATION_JSON));
        }
        if (follow) {
            streams.open(stream);
        } else {
            streams.replay(stream);
        }
        return emitter;
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
