package io.dashtam.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.platform.database.ListenerConnectionSource;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SseClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Where LISTEN does not deliver (PgBouncer in transaction mode accepts LISTEN and passes no notification on),
 * {@code auto} mode notices with its probe and polls: a client on that replica still gets every event, in order,
 * and the mode is on the management port's health details and in the {@code dashtam_notifications_mode} metric.
 * The pooler is the one thing simulated: the replica's listening connection is the real one to the test
 * database, with the notifications it would receive dropped, as the pooler would.
 */
class PollingFallbackIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final Replica polling = Replica.withConfiguration(SwallowingPooler.class,
            "--dashtam.notifications.mode=auto", "--dashtam.notifications.probe-timeout=500ms");

    @Autowired
    UserEvents events;

    /**
     * The replica's listening connection, behind a "pooler" that swallows every notification. Deliberately not
     * annotated: a nested @TestConfiguration would join the shared test context, and an annotated class in
     * scanned packages every second application; registered as a source, its @Bean methods apply to one only.
     */
    static class SwallowingPooler {

        @Bean
        @Primary
        ListenerConnectionSource swallowingListenerConnections(
                @Qualifier("testListenerConnections") ListenerConnectionSource real) {
            return () -> swallowing(real.open());
        }

        private static Connection swallowing(Connection connection) throws java.sql.SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            PGConnection deaf = (PGConnection) Proxy.newProxyInstance(PGConnection.class.getClassLoader(),
                    new Class<?>[] {PGConnection.class}, (proxy, method, args) -> method.getName()
                            .equals("getNotifications") ? new PGNotification[0] : invoke(method, pg, args));
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("unwrap")
                            && args[0] == PGConnection.class ? deaf : invoke(method, connection, args));
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
                throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static void awaitPolling() {
        var notifications = polling.bean(DatabaseNotifications.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        // The probe gives up after its timeout (500 ms here): wait for that condition, not for a fixed time.
        while (notifications.mode() != DatabaseNotifications.Mode.POLL && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(notifications.mode()).isEqualTo(DatabaseNotifications.Mode.POLL);
    }

    @Test
    void theReplicaPollsAndStillDeliversEveryEventInOrder() {
        awaitPolling();
        var alice = newUser();
        var bob = newUser();
        UserId id = UserId.of(alice.userId());
        try (var stream = SseClient.open("https://localhost:" + polling.port(), "/api/v1/events",
                alice.accessToken(), null);
                var bobs = SseClient.open("https://localhost:" + polling.port(), "/api/v1/events",
                        bob.accessToken(), null)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            // Produced on the other instance (the shared context, which LISTENs normally).
            for (int i = 1; i <= 5; i++) {
                events.publish(id, "import.completed", Map.of("n", i));
            }
            events.publish(id, "portfolio.updated", Map.of("n", 6));
            var got = stream.until("portfolio.updated", WAIT);
            assertThat(got).extracting(SseClient.Event::type).containsExactly("import.completed",
                    "import.completed", "import.completed", "import.completed", "import.completed",
                    "portfolio.updated");
            assertThat(got).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < 6; i++) {
                assertThat(got.get(i).data()).contains("\"n\": " + (i + 1));
            }
            // Bob's stream on the same polling replica got none of it.
            events.publish(UserId.of(bob.userId()), "portfolio.updated", Map.of("mine", true));
            assertThat(bobs.until("portfolio.updated", WAIT)).hasSize(1).allSatisfy(e -> assertThat(e.data())
                    .contains("mine"));
        }
    }

    @Test
    void theModeIsInTheHealthDetailsAndTheMetric() {
        awaitPolling();
        var health = polling.management().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/notifications/details/mode").asString()).isEqualTo("poll");
        assertThat(health.json().at("/components/notifications/details/configuredMode").asString())
                .isEqualTo("auto");
        var scrape = polling.management().send(HttpRequest.newBuilder(URI.create(polling.management().baseUrl()
                + "/actuator/prometheus")).header("Accept", "text/plain").GET());
        assertThat(scrape.status()).isEqualTo(200);
        List<String> modes = scrape.body().lines().filter(l -> l.startsWith("dashtam_notifications_mode{"))
                .toList();
        assertThat(modes).anySatisfy(l -> assertThat(l).contains("mode=\"poll\"").endsWith(" 1.0"));
        assertThat(modes).anySatisfy(l -> assertThat(l).contains("mode=\"listen\"").endsWith(" 0.0"));
        // The public /health says nothing about it.
        assertThat(polling.api().get("/health").body()).doesNotContain("poll");
    }
}
