package io.dashtam.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.platform.database.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One PostgreSQL server per test JVM, and one database per test class cloned from a migrated template
 * ({@code CREATE DATABASE ... TEMPLATE}). The server is embedded PostgreSQL 17, or the server named by
 * {@code DASHTAM_TEST_DB_ADMIN_URL}, where every name carries a run id so parallel runs never meet. Everything
 * created is dropped when the JVM ends.
 */
public final class TestDatabases {

    private static final TestDatabases INSTANCE = new TestDatabases();

    private final String runId = Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.nanoTime() % 1_000_000, 36);
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final DatabaseUrl admin;
    private final EmbeddedPostgres embedded;
    private final String template;

    private TestDatabases() {
        String adminUrl = System.getenv("DASHTAM_TEST_DB_ADMIN_URL");
        try {
            if (adminUrl != null && !adminUrl.isBlank()) {
                embedded = null;
                admin = DatabaseUrl.parse("DASHTAM_TEST_DB_ADMIN_URL", adminUrl);
            } else {
                embedded = EmbeddedPostgres.builder().start();
                admin = new DatabaseUrl(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL for the tests", e);
        }
        template = "dashtam_tpl_" + runId;
        execute("CREATE DATABASE " + template);
        created.add(template);
        Flyway.configure().dataSource(url(template).jdbcUrl(), admin.username(), admin.password())
                .locations("classpath:db/migration").load().migrate();
        seedOwner();
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "test-databases-cleanup"));
    }

    /**
     * The template is an install past its first sign-up: it holds one disabled owner account (no usable password),
     * so the first-account-becomes-admin rule does not make some test's first user an admin. RegistrationIT empties
     * the users table of its own database to test that rule.
     */
    public static final String OWNER_EMAIL = "owner@template.dashtam.test";

    private void seedOwner() {
        try (Connection c = DriverManager.getConnection(url(template).jdbcUrl(), admin.username(), admin.password());
                var insert = c.prepareStatement("""
                        INSERT INTO users (id, email, name, password_hash, role, status, created_at)
                        VALUES (gen_random_uuid(), ?, 'Install owner', '!', 'admin', 'disabled', now())""")) {
            insert.setString(1, OWNER_EMAIL);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the template database", e);
        }
    }

    public static TestDatabases instance() {
        return INSTANCE;
    }

    /** A fresh, migrated database of its own. */
    public DatabaseUrl newDatabase() {
        String name = "dashtam_t_" + runId + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        created.add(name);
        return url(name);
    }

    /** A database with nothing in it (no schema, no migrations): what a restore goes into. */
    public DatabaseUrl newEmptyDatabase() {
        String name = "dashtam_e_" + runId + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE template0");
        created.add(name);
        return url(name);
    }

    public void drop(DatabaseUrl database) {
        String name = database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        created.remove(name);
    }

    public HikariDataSource pool(DatabaseUrl database, int size) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername(admin.username());
        ds.setPassword(admin.password());
        ds.setMaximumPoolSize(size);
        ds.setMinimumIdle(0);
        ds.setPoolName("test-" + database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1"));
        return ds;
    }

    public DatabaseUrl url(String database) {
        return admin.withDatabase(database);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql, e);
        }
    }

    private void dropAll() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is ending; zonky removes its temporary data directory
            }
            return;
        }
        for (String name : List.copyOf(created)) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at shutdown; the names are unique to this run
            }
        }
    }
}
