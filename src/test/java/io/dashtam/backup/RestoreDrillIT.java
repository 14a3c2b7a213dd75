package io.dashtam.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.platform.database.DatabaseUrl;
import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SwitchingDataSource;
import io.dashtam.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The restore drill: data written through the API (a user, a sandbox connection synced with its sealed tokens),
 * {@code backup}, a fresh database, {@code restore}; every table's rows equal (checksum per table), the user signs
 * in, the connection syncs with its restored tokens. Then what a restore must refuse, changing nothing.
 */
class RestoreDrillIT extends IntegrationTest {

    @Autowired
    org.springframework.context.ApplicationContext context;
    @Value("${dashtam.crypto.encryption-keys}")
    String keys;
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run command(boolean backup, DatabaseUrl db, String keyRing, String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--dashtam.crypto.encryption-keys=" + keyRing));
        all.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = BackupCommand.run(all.toArray(String[]::new), backup, new PrintStream(out, true),
                new PrintStream(err, true));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void backupFreshDatabaseRestoreSameRowsSignInAndSync() throws Exception {
        var user = newUser();
        String connection = connectSandbox(user);
        assertThat(SyncDriver.runDue(context)).isPositive();
        long transactions = jdbc.sql("SELECT count(*) FROM transactions").query(Long.class).single();
        assertThat(transactions).isPositive();
        DatabaseUrl source = SwitchingDataSource.instance().current();
        // The sync's follow-up work (history derivation in the background) finishes first: the data holds still.
        io.dashtam.insight.HistoryDriver.deriveAll(context, user.userId());
        Map<String, String> before = checksums(source);

        Path file = dir.resolve("drill.dtbackup");
        Run backup = command(true, source, keys, file.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(checksums(source)).as("nothing wrote meanwhile").isEqualTo(before);
        assertThat(backup.out()).contains("backup: " + file).contains("rows");

        DatabaseUrl restored = TestDatabases.instance().newEmptyDatabase();
        Run restore = command(false, restored, keys, file.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restore: ").containsPattern("open all [1-9]\\d* provider secret");

        Map<String, String> after = checksums(restored);
        assertThat(before).containsKeys("users", "provider_tokens", "transactions", "accounts", "audit_log");
        assertThat(before.get("transactions")).doesNotStartWith("0:");
        assertThat(after).isEqualTo(before);
        assertThat(sequences(restored)).isEqualTo(sequences(source));
        assertThat(indexes(restored)).as("every index, rebuilt after the load").isEqualTo(indexes(source))
                .contains("CREATE INDEX transactions_description_trgm_idx ON public.transactions USING gin "
                        + "(description gin_trgm_ops)");

        SwitchingDataSource.instance().switchTo(restored);
        var session = api().post("/api/v1/sessions", Map.of("email", user.email(), "password", PASSWORD));
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        var again = user.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(SyncDriver.runDue(context)).isPositive();
        var run = user.client().get("/api/v1/connections/" + connection + "/syncs/" + again.json().get("id").asString())
                .json();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        // New rows after the restore take new ids (the sequences came back with the data).
        assertThat(jdbc.sql("SELECT count(*) FROM transactions").query(Long.class).single()).isEqualTo(transactions);
    }

    @Test
    void anOlderSchemaIsMigratedForward() throws Exception {
        DatabaseUrl old = TestDatabases.instance().newEmptyDatabase();
        Flyway.configure().dataSource(old.jdbcUrl(), old.username(), old.password()).locations("classpath:db/migration")
                .target("60").load().migrate();
        execute(old, "INSERT INTO users (id, email, name, password_hash, role, status, created_at) VALUES "
                + "(gen_random_uuid(), 'old@example.org', 'Old', '!', 'user', 'active', now())");
        Path file = dir.resolve("old.dtbackup");
        Run backup = command(true, old, keys, file.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();

        DatabaseUrl restored = TestDatabases.instance().newEmptyDatabase();
        Run restore = command(false, restored, keys, file.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("schema V60").containsPattern("migrated to V1\\d\\d");
        assertThat(query(restored, "SELECT email FROM users")).isEqualTo("old@example.org");
        assertThat(query(restored, "SELECT max(version::int)::text FROM flyway_schema_history"))
                .isEqualTo(query(source(), "SELECT max(version::int)::text FROM flyway_schema_history"));
    }

    @Test
    void whatARestoreRefusesChangesNothing() throws Exception {
        var user = newUser();
        connectSandbox(user);
        Path good = dir.resolve("good.dtbackup");
        assertThat(command(true, source(), keys, good.toString()).exit()).isZero();
        DatabaseUrl empty = TestDatabases.instance().newEmptyDatabase();

        // Not empty: the class's own database.
        long users = jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
        assertRefused(command(false, source(), keys, good.toString()), "the database is not empty");
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isEqualTo(users);

        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.dtbackup"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(command(false, empty, keys, truncated.toString()), "is truncated");

        Path foreign = Files.writeString(dir.resolve("notes.txt"), "hello, not a backup\n");
        assertRefused(command(false, empty, keys, foreign.toString()), "is not a Dashtam backup");
        Path otherZip = rewrite(good, "other.zip", name -> name.equals(BackupWriter.MARKER) ? null : name, null);
        assertRefused(command(false, empty, keys, otherZip.toString()), "is not a Dashtam backup");

        Path tampered = rewrite(good, "tampered.dtbackup", UnaryOperator.identity(), (name, text) ->
                name.equals("tables/users.copy") ? text.replace(user.email(), user.email().replace('e', 'f')) : text);
        assertRefused(command(false, empty, keys, tampered.toString()), "tampered or corrupted: table users");

        Path future = rewrite(good, "future.dtbackup", UnaryOperator.identity(), (name, text) ->
                name.equals(BackupWriter.MANIFEST) ? text.replaceFirst("\"schemaVersion\" : \"\\d+\"",
                        "\"schemaVersion\" : \"9999\"") : text);
        assertRefused(command(false, empty, keys, future.toString()), "made by a newer Dashtam");
        Path futureFormat = rewrite(good, "format2.dtbackup", UnaryOperator.identity(), (name, text) ->
                name.equals(BackupWriter.MANIFEST) ? text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")
                        : text);
        assertRefused(command(false, empty, keys, futureFormat.toString()), "backup format 2");

        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertRefused(command(false, empty, "other:" + otherKey, good.toString()), "has no key");
        // The same key id with other key material: found only by opening the secrets, after the load; rolled back.
        String sameIdWrongKey = keys.replaceFirst("^([^:]+):[^,]+", "$1:" + otherKey);
        assertRefused(command(false, empty, sameIdWrongKey, good.toString()), "does not open");

        assertThat(relations(empty)).as("every refusal left the empty database empty").isEmpty();
        assertThat(command(false, empty, keys, good.toString()).exit()).as("and it still takes the good file").isZero();
    }

    @Test
    void keepsTheNewestBackupsOfADirectory() throws Exception {
        for (String stamp : List.of("20260101-000000", "20260102-000000", "20260103-000000")) {
            Files.writeString(dir.resolve("dashtam-" + stamp + ".dtbackup"), "x");
        }
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        Run run = command(true, source(), keys, "--dir", dir.toString(), "--keep", "2");
        assertThat(run.exit()).as(run.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(3)
                    .contains("dashtam-20260103-000000.dtbackup", "notes.txt")
                    .doesNotContain("dashtam-20260101-000000.dtbackup", "dashtam-20260102-000000.dtbackup");
        }
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith("restore refused: ").contains(message).doesNotContain("Exception");
    }

    private String connectSandbox(Caller user) {
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Drill"))
                .json().get("id").asString();
        String connect = user.client().get("/api/v1/connections/" + id + "/authorization").json().get("connectUrl")
                .asString();
        var browser = new Browser();
        var authorizePage = browser.get(Browser.location(browser.get(connect)));
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize",
                hiddenFields(authorizePage.body()) + "&decision=allow");
        assertThat(browser.get(Browser.location(decided)).statusCode()).isEqualTo(200);
        return id;
    }

    private static String hiddenFields(String html) {
        var m = Pattern.compile("type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(html);
        List<String> fields = new ArrayList<>();
        while (m.find()) {
            fields.add(m.group(1) + "=" + URLEncoder.encode(org.springframework.web.util.HtmlUtils.htmlUnescape(
                    m.group(2)), StandardCharsets.UTF_8));
        }
        return String.join("&", fields);
    }

    /** A copy of a backup with entries renamed (null drops one) and their text changed. */
    private Path rewrite(Path from, String name, UnaryOperator<String> rename,
                         java.util.function.BinaryOperator<String> edit) throws IOException {
        Path to = dir.resolve(name);
        try (ZipFile in = new ZipFile(from.toFile()); var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                String target = rename.apply(entry.getName());
                if (target == null) {
                    continue;
                }
                String text = new String(in.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                out.putNextEntry(new ZipEntry(target));
                out.write((edit == null ? text : edit.apply(entry.getName(), text)).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return to;
    }

    private static DatabaseUrl source() {
        return SwitchingDataSource.instance().current();
    }

    /** Per table (but Flyway's own), an md5 over its rows in a fixed order. */
    private static Map<String, String> checksums(DatabaseUrl db) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    + "AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' "
                        + "ORDER BY t::text)), '-') FROM \"" + table + "\" t")) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        }
        return result;
    }

    private static Map<String, String> sequences(DatabaseUrl db) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = current_schema()")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        }
        return result;
    }

    private static List<String> indexes(DatabaseUrl db) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static List<String> relations(DatabaseUrl db) throws SQLException {
        try (Connection c = connect(db)) {
            return Schema.relations(c);
        }
    }

    private static String query(DatabaseUrl db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(DatabaseUrl db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(DatabaseUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
