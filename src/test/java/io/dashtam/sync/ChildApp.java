package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import io.dashtam.testing.ProviderTestCa;
import io.dashtam.testing.SwitchingDataSource;
import io.dashtam.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The packaged app as its own process ({@code java -jar dashtam.jar}) on this test class's database, with the test
 * certificate and Schwab pointed at a fake: what kill -9 can really kill. Also seeds a Schwab connection the way the
 * providers module stores one (tokens sealed under the app's key), for the child to sync.
 */
final class ChildApp {

    private ChildApp() {
    }

    /** Starts the app with the test profile, scheduling on, the given instance id and extra environment. */
    static Process start(FakeSchwab schwab, String encryptionKeys, String instance, Map<String, String> extra)
            throws Exception {
        return launch(schwab, encryptionKeys, instance, extra).process();
    }

    /** A started child and its log. */
    record Child(Process process, Path log) {
        /** The HTTPS port the child listens on, once it has started (from its log). */
        int port(Duration timeout) throws Exception {
            var started = java.util.regex.Pattern.compile("Tomcat started on port (\\d+) \\(https\\)");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the child is running (log %s)", log).isTrue();
                var m = started.matcher(Files.exists(log) ? Files.readString(log) : "");
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the child did not start within " + timeout + "; log " + log);
        }
    }

    static Child launch(FakeSchwab schwab, String encryptionKeys, String instance, Map<String, String> extra)
            throws Exception {
        Path classes = Path.of(ChildApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = classes.getParent().resolve("dashtam.jar");
        assertThat(jar).as("the packaged app (verify runs after package)").exists();
        var db = SwitchingDataSource.instance().current();
        String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.username()
                + (db.password() == null ? "" : ":" + db.password()) + "@");
        Path home = Files.createTempDirectory("dashtam-child-home");
        var tls = TestTls.instance().material();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("app.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_PROFILES_ACTIVE", "test");
        env.put("DATABASE_URL", url);
        env.put("DASHTAM_HOME", home.toString());
        env.put("DASHTAM_PORT", "0");
        env.put("DASHTAM_MANAGEMENT_PORT", "0");
        env.put("SSL_CERT_FILE", tls.certificate().toString());
        env.put("SSL_KEY_FILE", tls.privateKey().toString());
        env.put("DASHTAM_ENCRYPTION_KEYS", encryptionKeys);
        env.put("DASHTAM_OUTBOUND_CA_FILE", ProviderTestCa.instance().trustBundle().toString());
        env.put("SCHWAB_CLIENT_ID", "dashtam-test-client");
        env.put("SCHWAB_CLIENT_SECRET", "test-client-secret-1");
        env.put("SCHWAB_API_BASE_URL", schwab.localhostUrl().toString());
        env.put("SCHWAB_AUTH_BASE_URL", schwab.localhostUrl().toString());
        env.put("DASHTAM_OAUTH_LISTENER_ENABLED", "false");
        env.put("DASHTAM_SCHEDULING_ENABLED", "true");
        env.put("DASHTAM_SYNC_POLL_INTERVAL", "1s");
        env.put("DASHTAM_INSTANCE_ID", instance);
        env.putAll(extra);
        return new Child(builder.start(), home.resolve("app.log"));
    }

    /** An authorized Schwab connection as the providers module stores one (tokens sealed under the app's key). */
    static UUID seedSchwabConnection(JdbcClient jdbc, Clock clock, String encryptionKeys, String userId,
            String accessToken) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO provider_connections (id, user_id, provider_key, category, alias, status, authorized_at,
                    deadline, created_at, updated_at)
                VALUES (:id, :u, 'schwab', 'brokerage', 'Child app test', 'active', :now, :deadline, :now, :now)""")
                .param("id", id).param("u", UUID.fromString(userId)).param("now", now)
                .param("deadline", Timestamp.from(clock.instant().plus(Duration.ofDays(7)))).update();
        var sealed = new AesGcm(KeyRing.parse("keys", encryptionKeys)).encrypt(
                ("{\"access\":\"" + accessToken + "\",\"refresh\":\"child-refresh-token\"}")
                        .getBytes(StandardCharsets.UTF_8),
                ("provider_tokens:" + id).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                INSERT INTO provider_tokens (connection_id, key_id, sealed, token_type, scope, access_expires_at,
                    refresh_expires_at, next_refresh_at, refreshed_at, updated_at)
                VALUES (:id, :key, :sealed, 'Bearer', 'api', :access, :refresh, :next, :now, :now)""")
                .param("id", id).param("key", sealed.keyId()).param("sealed", sealed.sealed())
                .param("access", Timestamp.from(clock.instant().plus(Duration.ofHours(2))))
                .param("refresh", Timestamp.from(clock.instant().plus(Duration.ofDays(7))))
                .param("next", Timestamp.from(clock.instant().plus(Duration.ofHours(1)))).param("now", now).update();
        return id;
    }
}
