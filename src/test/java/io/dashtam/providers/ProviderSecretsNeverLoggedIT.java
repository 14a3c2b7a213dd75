package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.dashtam.providers.authorization.TokenMaintenance;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Authorize, refresh (on demand, in the background, refused), disconnect, with DEBUG logging on: no provider
 * token, nor the client secret, appears in any log event, response or audit row.
 */
class ProviderSecretsNeverLoggedIT extends IntegrationTest {

    private static final List<String> VERBOSE = List.of("io.dashtam", "org.springframework.web",
            "org.springframework.security", "org.springframework.transaction", "org.springframework.jdbc");

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();
    private final LogCapture captured = new LogCapture();

    @Autowired
    ProviderAccess access;
    @Autowired
    TokenMaintenance maintenance;

    @BeforeEach
    void capture() {
        captured.start(VERBOSE);
    }

    @AfterEach
    void release() {
        captured.stop();
    }

    @Test
    void noProviderTokenIsEverLogged() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "Logged"))
                .json().get("id").asString();
        var auth = user.client().get("/api/v1/connections/" + id + "/authorization").json();
        Browser browser = new Browser();
        var approved = browser.get(Browser.location(browser.get(auth.get("connectUrl").asString())));
        var done = browser.get(Browser.location(approved));
        assertThat(done.statusCode()).isEqualTo(200);
        StringBuilder responses = new StringBuilder(done.body());

        ConnectionId connectionId = new ConnectionId(UUID.fromString(id));
        responses.append(access.open(connectionId).toString());
        responses.append(user.client().post("/api/v1/connections/" + id + "/token/refresh", Map.of()).body());
        responses.append(user.client().get("/api/v1/connections/" + id + "/token").body());
        clock.advance(Duration.ofMinutes(26));
        assertThat(maintenance.refreshDue()).isGreaterThanOrEqualTo(1);
        schwab.failNextTokenCall(FakeSchwab.json(401, Map.of("error", "invalid_client")));
        clock.advance(Duration.ofMinutes(26));
        maintenance.refreshDue();
        clock.reset();
        responses.append(user.client().delete("/api/v1/connections/" + id + "/token").body());

        List<String> secrets = new java.util.ArrayList<>(schwab.issuedTokens());
        secrets.add(FakeSchwab.CLIENT_SECRET);
        assertThat(secrets).hasSizeGreaterThan(4);
        StringBuilder log = new StringBuilder();
        for (ILoggingEvent event : captured.events()) {
            log.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                log.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(captured.events()).as("logging was captured").isNotEmpty();
        String audit = jdbc.sql("SELECT coalesce(string_agg(details::text || subject, '|'), '') FROM audit_log")
                .query(String.class).single();
        for (String secret : secrets) {
            assertThat(log).as("log").doesNotContain(secret);
            assertThat(responses).as("responses").doesNotContain(secret);
            assertThat(audit).as("audit").doesNotContain(secret);
        }
    }
}
