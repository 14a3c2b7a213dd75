package io.dashtam.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Notifications;
import io.dashtam.testing.SseClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stream authenticated by an access token ends when that token expires, by the injected clock (the heartbeat
 * checks it; the test runs the heartbeat instead of waiting 15 s for it); the client resumes with a fresh token
 * and Last-Event-ID and misses nothing, and the ended stream's slot is free again.
 */
class StreamExpiryIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    EventStreams streams;
    @Autowired
    UserEvents events;
    @Autowired
    DatabaseNotifications notifications;

    private SseClient open(String token, String lastEventId) {
        var stream = SseClient.open("https://localhost:" + port, "/api/v1/events", token, lastEventId);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    private long leases(UserId user) {
        return jdbc.sql("SELECT count(*) FROM event_stream_leases WHERE user_id = :u").param("u", user.value())
                .query(Long.class).single();
    }

    @Test
    void theStreamEndsWhenItsAccessTokenExpiresAndResumesWithAFreshOne() {
        Notifications.awaitListening(notifications);
        var alice = newUser();
        UserId id = UserId.of(alice.userId());
        String lastSeen;
        try (var stream = open(alice.accessToken(), null)) {
            assertThat(leases(id)).isEqualTo(1);
            events.publish(id, "import.completed", Map.of("n", 1));
            assertThat(stream.until("import.completed", WAIT)).hasSize(1);

            // A minute before the token's expiry the heartbeat leaves the stream open: it still delivers.
            clock.advance(Duration.ofMinutes(14));
            streams.tick();
            events.publish(id, "import.completed", Map.of("n", 2));
            var second = stream.until("import.completed", WAIT);
            assertThat(second).hasSize(1);
            lastSeen = second.get(0).id();

            clock.advance(Duration.ofMinutes(2));
            streams.tick();
            var end = stream.until("stream.expired", WAIT);
            assertThat(end).hasSize(1);
            assertThat(end.get(0).data()).contains("Last-Event-ID").doesNotContain(alice.accessToken());
            assertThat(stream.endsWithin(WAIT)).isTrue();
        }
        assertThat(leases(id)).isZero();
        // The expired token opens nothing.
        var refused = SseClient.open("https://localhost:" + port, "/api/v1/events", alice.accessToken(), null);
        assertThat(refused.response().statusCode()).isEqualTo(401);

        // What happened meanwhile arrives on the stream opened with a fresh token and Last-Event-ID.
        events.publish(id, "import.completed", Map.of("n", 3));
        var refreshed = api().post("/api/v1/tokens", Map.of("refreshToken", alice.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        try (var again = open(refreshed.json().get("accessToken").asString(), lastSeen)) {
            var missed = again.until("import.completed", WAIT);
            assertThat(missed).hasSize(1);
            assertThat(missed.get(0).data()).contains("\"n\": 3");
        }
    }

    @Test
    void aStreamOpenedWithAnAlmostExpiredTokenEndsAtThatTokensExpiry() {
        var bob = newUser();
        clock.advance(Duration.ofMinutes(15).minusSeconds(5));
        try (var stream = open(bob.accessToken(), null)) {
            clock.advance(Duration.ofSeconds(6));
            streams.tick();
            assertThat(stream.until("stream.expired", WAIT)).hasSize(1);
            assertThat(stream.endsWithin(WAIT)).isTrue();
        }
        assertThat(leases(UserId.of(bob.userId()))).isZero();
    }
}
