package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.TokenRefreshFailed;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import io.dashtam.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The shipped alert rules and Grafana dashboard name only metrics the management port really exports (after a
 * sync run and a token refresh failure have happened, as labelled series appear with their first sample).
 */
class MonitoringFilesIT extends IntegrationTest {

    private static final Pattern METRIC = Pattern.compile("\\bdashtam_[a-z0-9_]+");

    @LocalManagementPort
    int managementPort;
    @Autowired
    SyncWorker worker;
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void everyMetricInTheAlertRulesAndDashboardIsExported() throws Exception {
        var caller = newUser();
        UUID connection;
        try (var schwab = new FakeSchwab("access-" + UUID.randomUUID())) {
            schwab.accounts(SchwabData.account("12121212", "HASHM", "CASH", "10.00", "10.00"));
            connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
            assertThat(caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).status())
                    .isEqualTo(202);
            assertThat(worker.runDue()).isEqualTo(1);
        } finally {
            TestSyncConnections.clear();
        }
        // A refresh failure of the providers module, as it announces one (the metric is counted from its events).
        events.publishEvent(new TokenRefreshFailed(ConnectionId.random(), new UserId(UUID.fromString(caller.userId())),
                "schwab", "refused"));

        var scrape = new TestClient("https://localhost:" + managementPort, TestTls.instance().sslContext())
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + managementPort
                        + "/actuator/prometheus")).header("Accept", "text/plain").GET());
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> exported = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (!line.startsWith("#") && line.startsWith("dashtam_")) {
                exported.add(line.replaceAll("[{ ].*", ""));
            }
        }
        Set<String> named = new TreeSet<>();
        for (String file : new String[] {"deploy/monitoring/dashtam-alerts.yml",
                "deploy/monitoring/dashtam-dashboard.json"}) {
            Matcher m = METRIC.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).contains("dashtam_sync_runs_seconds_count", "dashtam_sync_queue_oldest_age_seconds",
                "dashtam_token_refreshes_total", "dashtam_connections", "dashtam_events_streams");
        assertThat(exported).containsAll(named);

        // Sync figures carry the provider (low cardinality); no series names a user or a connection.
        List<String> series = scrape.body().lines().filter(l -> l.startsWith("dashtam_")).toList();
        for (String metric : List.of("dashtam_sync_runs_seconds_count{", "dashtam_sync_rows_total{")) {
            assertThat(series).anySatisfy(l -> assertThat(l).startsWith(metric).contains("provider=\"schwab\"")
                    .contains(metric.startsWith("dashtam_sync_runs") ? "outcome=\"succeeded\"" : "provider"));
        }
        assertThat(String.join("\n", series)).doesNotContain(connection.toString()).doesNotContain(caller.userId());
    }
}
