package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /app/events}: the web app's cookie session opens the user's own event stream (filters and replay as
 * the API's), the JSON API's stream stays bearer-only, and a revoked cookie session's stream ends at once.
 */
class WebEventStreamIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeEach
    void notificationsListening() {
        awaitNotifications(); // the revocation and event timings below ride on NOTIFY
    }

    @Autowired
    UserEvents events;

    private String base() {
        return "https://localhost:" + port;
    }

    private SseClient open(PageSession page, String query, String lastEventId) {
        var stream = SseClient.openWithCookie(base(), "/app/events" + query, page.sessionCookie(), lastEventId);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    private static UserId id(Caller caller) {
        return new UserId(UUID.fromString(caller.userId()));
    }

    @Test
    void theCookieSessionGetsItsOwnFilteredEventsAndNothingElse() {
        var alice = newUser();
        var bob = newUser();
        var page = PageSession.signIn(api(), alice.email());
        try (var stream = open(page, "?types=sync.*,connection.status_changed", null)) {
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(stream.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(stream.response().headers().firstValue("Content-Security-Policy")).isPresent();
            events.publish(id(bob), "sync.queued", Map.of("runId", "bobs"));
            events.publish(id(alice), "import.completed", Map.of("n", 1));
            events.publish(id(alice), "sync.queued", Map.of("runId", "r1"));
            events.publish(id(alice), "connection.status_changed", Map.of("connectionId", "c1", "status", "expired"));
            var seen = stream.until("connection.status_changed", WAIT);
            assertThat(seen).extracting(SseClient.Event::type).containsExactly("sync.queued",
                    "connection.status_changed");
            assertThat(seen.get(0).data()).contains("\"r1\"").doesNotContain("bobs");
        }
    }

    @Test
    void aReconnectReplaysWhatItMissedFromTheIdOfThePage() {
        var alice = newUser();
        var page = PageSession.signIn(api(), alice.email());
        String first;
        try (var stream = open(page, "", null)) {
            events.publish(id(alice), "sync.queued", Map.of("runId", "one"));
            first = stream.until("sync.queued", WAIT).get(0).id();
        }
        events.publish(id(alice), "sync.started", Map.of("runId", "two"));
        events.publish(id(alice), "sync.succeeded", Map.of("runId", "two"));
        // EventSource's first connection names the page's id in the query; its reconnects send Last-Event-ID.
        try (var stream = open(page, "?lastEventId=" + first, null)) {
            assertThat(stream.until("sync.succeeded", WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("sync.started", "sync.succeeded");
        }
        try (var stream = open(page, "?lastEventId=0", first)) {
            assertThat(stream.until("sync.succeeded", WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("sync.started", "sync.succeeded");
        }
    }

    @Test
    void theCookieOpensOnlyThePageRouteAndATokenOnlyTheApi() {
        var alice = newUser();
        var page = PageSession.signIn(api(), alice.email());
        try (var api = SseClient.openWithCookie(base(), "/api/v1/events", page.sessionCookie(), null)) {
            assertThat(api.response().statusCode()).isEqualTo(401);
        }
        try (var app = SseClient.open(base(), "/app/events", alice.accessToken(), null)) {
            assertThat(app.response().statusCode()).isEqualTo(303);
            assertThat(app.response().headers().firstValue("Location")).hasValue("/app/signin");
        }
        try (var bad = SseClient.openWithCookie(base(), "/app/events?types=DROP%20TABLE", page.sessionCookie(),
                null)) {
            assertThat(bad.response().statusCode()).isEqualTo(422);
        }
    }

    @Test
    void aRevokedCookieSessionsStreamEndsAtOnce() {
        var alice = newUser();
        var page = PageSession.signIn(api(), alice.email());
        try (var stream = open(page, "", null)) {
            // Signed out from elsewhere: the API session ends the browser's session by its id.
            var sessions = alice.client().get("/api/v1/sessions").json().get("sessions");
            List<String> others = new java.util.ArrayList<>();
            sessions.forEach(s -> {
                if (!s.get("current").asBoolean()) {
                    others.add(s.get("id").asString());
                }
            });
            assertThat(others).hasSize(1);
            assertThat(alice.client().delete("/api/v1/sessions/" + others.get(0)).status()).isEqualTo(204);
            assertThat(stream.until("session.revoked", Duration.ofSeconds(1))).isNotEmpty();
            assertThat(stream.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
        // And it cannot be reopened with that cookie.
        try (var again = SseClient.openWithCookie(base(), "/app/events", page.sessionCookie(), null)) {
            assertThat(again.response().statusCode()).isEqualTo(303);
        }
    }

    @Test
    void signingOutOfThePageEndsItsStream() {
        var alice = newUser();
        var page = PageSession.signIn(api(), alice.email());
        String cookie = page.sessionCookie();
        try (var stream = SseClient.openWithCookie(base(), "/app/events", cookie, null)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(page.post("/app", "/app/signout", Map.of()).status()).isEqualTo(302);
            assertThat(stream.until("session.revoked", Duration.ofSeconds(1))).isNotEmpty();
            assertThat(stream.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
    }
}
