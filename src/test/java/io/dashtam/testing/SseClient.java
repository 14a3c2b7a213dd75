package io.dashtam.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent events client for integration tests: HTTP/2 where the server offers it, the test CA only. Events
 * are parsed on the HTTP client's thread into a queue; {@link #next} waits on that queue, never sleeps.
 */
public final class SseClient implements AutoCloseable {

    /** One event as the wire carried it; {@code id} is null for events without one (reset, session.revoked). */
    public record Event(String id, String type, String data) {
    }

    private static final Event END = new Event(null, "<end>", null);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private volatile boolean ended;
    private volatile long reconnectMillis = -1;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            CompletableFuture.runAsync(this::read);
        }
    }

    /** Opens {@code path} with the access token and, unless null, a Last-Event-ID. */
    public static SseClient open(String baseUrl, String path, String accessToken, String lastEventId) {
        return open(baseUrl, path, "Authorization", "Bearer " + accessToken, lastEventId, HttpClient.Version.HTTP_2);
    }

    /** As {@link #open(String, String, String, String)}, over the given HTTP version (HTTP/2 where offered). */
    public static SseClient open(String baseUrl, String path, String accessToken, String lastEventId,
            HttpClient.Version version) {
        return open(baseUrl, path, "Authorization", "Bearer " + accessToken, lastEventId, version);
    }

    /** Opens {@code path} with a web app's cookie ({@code name=value}) instead of a token. */
    public static SseClient openWithCookie(String baseUrl, String path, String cookie, String lastEventId) {
        return open(baseUrl, path, "Cookie", cookie, lastEventId, HttpClient.Version.HTTP_2);
    }

    private static SseClient open(String baseUrl, String path, String header, String value, String lastEventId,
            HttpClient.Version version) {
        HttpClient http = HttpClient.newBuilder().sslContext(TestTls.instance().sslContext()).version(version)
                .connectTimeout(Duration.ofSeconds(5)).build();
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
                .header(header, value).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reconnection delay the server last asked for ({@code retry:}), or -1. */
    public long reconnectMillis() {
        return reconnectMillis;
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("retry:")) {
                    reconnectMillis = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // the stream was cut: that is an end too
        } finally {
            ended = true;
            events.add(END);
        }
    }

    /** The next event within {@code timeout}; null if none came or the stream ended. */
    public Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == END) {
                events.add(END);
                return null;
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Events until one of {@code type} arrives (included), within {@code timeout} in all. */
    public List<Event> until(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) {
                break;
            }
            seen.add(e);
            if (e.type().equals(type)) {
                return seen;
            }
        }
        throw new AssertionError("no " + type + " event within " + timeout + "; got " + seen);
    }

    /** Whether the server ended the stream within {@code timeout} (events before the end are dropped). */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) == null && ended) {
                return true;
            }
        }
        return ended;
    }

    /** Events already received, without waiting. */
    public List<Event> drained() {
        List<Event> out = new ArrayList<>();
        for (Event e; (e = events.poll()) != null && e != END; ) {
            out.add(e);
        }
        if (ended) {
            events.add(END);
        }
        return out;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
