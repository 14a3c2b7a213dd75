package io.dashtam.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dashtam.testing.LogCapture;
import io.dashtam.testing.OutageInstance;
import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database is taken away under the running application (its pool reaches PostgreSQL through a proxy the test
 * cuts) and given back: requests answer 503 problem+json within the bound instead of hanging, the token check in
 * the filter chain too; /health says DOWN within its own timeout and UP right after; liveness and readiness do not
 * change; each 503 quotes a trace id found on its log line; the pool serves again without a restart.
 */
class DatabaseOutageIT {

    /** The pool's connection timeout (3 s, application.yml) plus room for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static OutageInstance app;

    @BeforeAll
    static void start() {
        app = OutageInstance.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anOutageIsAnswered503FastReportedByHealthAndRecoveredFrom() {
        var user = app.newUser();
        TestClient caller = user.getValue();
        TestClient anonymous = app.api();
        TestClient management = app.management();
        assertThat(caller.get("/api/v1/connections").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health").json().at("/components/db/status").asString())
                .isEqualTo("UP");

        LogCapture logs = new LogCapture();
        logs.start(List.of());
        try {
            app.proxy.cut();

            // The first request meets the dead pool: 503 within the bound, not the pool's old 30 s and not 500.
            var first = timed(() -> caller.get("/api/v1/connections"));
            assertUnavailable(first.response());
            assertThat(first.took()).isLessThan(BOUND);

            // From now on the gate knows: token-checked reads, writes and public writes are refused at once.
            var read = timed(() -> caller.get("/api/v1/connections"));
            assertUnavailable(read.response());
            assertThat(read.took()).isLessThan(Duration.ofSeconds(2));
            var write = timed(() -> caller.post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "X")));
            assertUnavailable(write.response());
            var register = timed(() -> anonymous.post("/api/v1/users", Map.of("email", "late@example.org",
                    "password", "correct-Horse-battery-9", "name", "Late")));
            assertUnavailable(register.response());
            assertThat(register.took()).isLessThan(Duration.ofSeconds(2));

            // A browser gets a page saying so, not JSON.
            var page = caller.send(caller.request("/api/v1/connections").setHeader("Accept", "text/html"));
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("Temporarily unavailable");
            assertThat(page.header("Retry-After")).isEqualTo("5");

            // /health: DOWN (503) within its own one-second timeout, every time.
            var health = timed(() -> anonymous.get("/health"));
            assertThat(health.response().status()).isEqualTo(503);
            assertThat(health.response().json().at("/database/status").asString()).isEqualTo("DOWN");
            assertThat(health.took()).isLessThan(Duration.ofSeconds(2));

            // Liveness and readiness do not depend on the database; the details say what is wrong.
            assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
            var details = management.get("/actuator/health");
            assertThat(details.status()).isEqualTo(503);
            assertThat(details.json().at("/components/db/status").asString()).isEqualTo("DOWN");

            // Each 503's trace id is on that request's log line; the outage is logged once, with no stack traces.
            for (var answer : List.of(first.response(), read.response(), write.response(), register.response())) {
                String traceId = answer.json().get("traceId").asString();
                assertThat(answer.header("X-Trace-Id")).isEqualTo(traceId);
                assertThat(logs.events()).as("a log line for trace id %s", traceId)
                        .anyMatch(e -> traceId.equals(e.getMDCPropertyMap().get("traceId"))
                                && e.getFormattedMessage().contains("503 database unavailable"));
            }
            assertThat(logs.events().stream().filter(e -> e.getLoggerName().endsWith("DatabaseGate")
                    && e.getFormattedMessage().startsWith("Database unavailable"))).hasSize(1);
            assertThat(logs.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
            assertThat(logs.events().stream().map(ILoggingEvent::getThrowableProxy)).as("no stack traces")
                    .allMatch(t -> t == null);
            // A refused write changed nothing.
            assertThat(app.direct.sql("SELECT count(*) FROM users WHERE email = 'late@example.org'")
                    .query(Integer.class).single()).isZero();

            app.proxy.restore();
            long back = System.nanoTime();
            // Health polls until UP: within a second of the database's return.
            int status;
            do {
                status = anonymous.get("/health").status();
            } while (status != 200 && System.nanoTime() - back < Duration.ofSeconds(3).toNanos());
            assertThat(status).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(1));

            // The pool serves again without a restart: reads, the token check and writes.
            assertThat(caller.get("/api/v1/connections").status()).isEqualTo(200);
            assertThat(anonymous.post("/api/v1/users", Map.of("email", "late@example.org",
                    "password", "correct-Horse-battery-9", "name", "Late")).status()).isEqualTo(202);
            assertThat(management.get("/actuator/health").json().at("/components/db/status").asString())
                    .isEqualTo("UP");
            assertThat(logs.events()).anyMatch(e -> e.getFormattedMessage().startsWith("Database available again"));
        } finally {
            app.proxy.restore();
            logs.stop();
        }
    }

    private static void assertUnavailable(TestClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.json().get("detail").asString()).isEqualTo("The database is unavailable; retry shortly");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Strict-Transport-Security")).isNotNull();
        assertThat(response.body()).doesNotContain("Exception", "org.", "java.");
    }

    private record Timed(TestClient.Response response, Duration took) {
    }

    private static Timed timed(Supplier<TestClient.Response> call) {
        long start = System.nanoTime();
        var response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }
}
