package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web app's cookie stream on a second replica: it gets the events produced on the first, and it ends within the
 * revocation contract (a second) when the first signs its session out.
 */
class WebEventStreamAcrossInstancesIT extends IntegrationTest {

    @RegisterExtension
    static final Replica b = new Replica();

    @BeforeEach
    void notificationsListening() {
        awaitNotifications(); // the revocation and event timings below ride on NOTIFY
    }

    @Autowired
    UserEvents events;

    @Test
    void aCookieStreamOnBFollowsAAndEndsWhenASignsItOut() {
        var alice = newUser();
        var page = PageSession.signIn(api(), alice.email());
        try (var stream = SseClient.openWithCookie("https://localhost:" + b.port(), "/app/events?types=sync.*",
                page.sessionCookie(), null)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            events.publish(new UserId(UUID.fromString(alice.userId())), "sync.started", Map.of("runId", "on-a"));
            assertThat(stream.until("sync.started", Duration.ofSeconds(5)).get(0).data()).contains("on-a");

            assertThat(page.post("/app/settings", "/app/settings/sessions/end-all", Map.of()).status())
                    .isEqualTo(302);
            assertThat(stream.until("session.revoked", Duration.ofSeconds(1))).isNotEmpty();
            assertThat(stream.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
    }
}
