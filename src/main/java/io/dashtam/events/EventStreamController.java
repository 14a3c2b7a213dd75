package io.dashtam.events;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Secret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/events}: the caller's own events as server-sent events. Without {@code Last-Event-ID} the
 * stream starts with what happens next; with one it first replays everything after it, in order, once; an id
 * that retention has passed (or that was never issued) gets a {@code reset} event: re-read state, then follow
 * the stream. The stream ends when its access token expires ({@code stream.expired}) or its session is revoked
 * ({@code session.revoked}). {@code ?follow=false} sends the replay and ends; {@code ?lastEventId=} stands in for
 * the header where a client cannot set one.
 */
@RestController
class EventStreamController {

    private static final Pattern TYPE_FILTER = Pattern.compile("[a-z_]+(\\.[a-z_]+)*(\\.\\*)?");

    private final EventStreams streams;
    private final EventStore store;
    private final ObjectMapper json;

    EventStreamController(EventStreams streams, EventStore store, ObjectMapper json) {
        this.streams = streams;
        this.store = store;
        this.json = json;
    }

    @GetMapping("/api/v1/events") // no "produces": a bad request gets its problem+json whatever it accepts
    SseEmitter events(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "types", required = false) String types,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
            @RequestParam(name = "follow", defaultValue = "true") boolean follow, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        List<String> filter = types == null || types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).toList();
        for (String t : filter) {
            if (!TYPE_FILTER.matcher(t).matches()) {
                throw ApiException.invalidField("types", "a comma-separated list of event types or prefixes "
                        + "such as sync.*");
            }
        }
        if (lastEventId == null) {
            lastEventId = lastEventIdParam; // EventSource cannot set headers on its first connection
        }
        String token = request.getHeader("Authorization").substring(7).trim();
        SseEmitter emitter = new SseEmitter(0L); // no servlet timeout: the stream ends on its token's expiry
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
        EventStream stream = new EventStream(caller.id(), caller.sessionId(), new Secret(token), expiry(token),
                filter, cursor, emitter);
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

    /** The verified token's {@code exp} (the filter already checked its signature and that it is live). */
    private Instant expiry(String token) {
        String[] parts = token.split("\\.");
        var claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return Instant.ofEpochSecond(claims.get("exp").asLong());
    }
}
