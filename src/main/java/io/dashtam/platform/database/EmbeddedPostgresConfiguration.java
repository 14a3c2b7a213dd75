package io.dashtam.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.platform.runtime.Environments;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With no database configured, runs PostgreSQL 17 from the zonky binaries on a free port, its data under
 * {@code dashtam.home/<env>/pgdata} so it survives restarts. Durability is switched back on (zonky turns it off).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DatabaseEnvironmentPostProcessor.MODE, havingValue = DatabaseEnvironmentPostProcessor.EMBEDDED)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    public static final String DATABASE = "dashtam";

    /** Started by {@link EmbeddedPostgresStartup} while Spring parses configuration; that startup owns and stops it. */
    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresStartup startup) throws IOException {
        return startup.await();
    }

    static EmbeddedPostgres start(Environment env) throws IOException {
        Path dataDir = Environments.home(env).resolve(Environments.name(env)).resolve("pgdata");
        Files.createDirectories(dataDir);
        stopLeftoverServer(dataDir);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(30))
                // Stopped by the context, after the pool and whatever drains through it: zonky's own JVM hook would
                // run beside Spring's and stop the server under in-flight requests (issue 24).
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL 17 on port {} with data in {} (started in {} ms)", postgres.getPort(), dataDir,
                (System.nanoTime() - started) / 1_000_000);
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.hikari.connection-timeout:3000}")
            long connectionTimeoutMillis) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
        ds.setUsername("postgres");
        ds.setPoolName("dashtam-embedded");
        ds.setMaximumPoolSize(10);
        ds.setConnectionTimeout(connectionTimeoutMillis);
        ds.setMinimumIdle(0); // as spring.datasource.hikari.minimum-idle: prompt recovery after an outage
        return ds;
    }

    /**
     * A JVM killed with -9 leaves its postgres running. zonky would then either silently reuse it or fail after a
     * timeout, so end it first: postmaster.pid's first line is its PID.
     */
    static void stopLeftoverServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> leftover = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        log.warn("Stopping a leftover PostgreSQL (pid {}) on {}", leftover.get().pid(), dataDir);
        leftover.get().destroy(); // SIGTERM: a "smart" shutdown that keeps the data consistent
        try {
            leftover.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("leftover PostgreSQL " + leftover.get().pid() + " did not stop", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
