package io.dashtam.backup;

import io.dashtam.core.KeyRing;
import io.dashtam.providers.SealedSecretsCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;

/**
 * Restores a backup into an empty database: the whole file is checked first, then the schema is built at the
 * backup's version, every table loaded in one transaction that also checks the configured encryption keys open
 * the restored provider secrets, and only then migrated forward to this version's schema. A refusal changes
 * nothing; a failure after the schema was built empties the schema again (it was empty before).
 */
final class BackupRestorer {

    /** What a restore did. */
    record Result(Manifest manifest, String migratedTo, long secretsOpened) {
    }

    private final DataSource dataSource;
    private final String encryptionKeys;
    private final String migrations;

    BackupRestorer(DataSource dataSource, String encryptionKeys, String migrations) {
        this.dataSource = dataSource;
        this.encryptionKeys = encryptionKeys;
        this.migrations = migrations;
    }

    Result restore(Path path) {
        try (BackupFile file = BackupFile.open(path)) {
            Manifest manifest = file.manifest();
            MigrationVersion backupVersion = MigrationVersion.fromVersion(manifest.schemaVersion());
            MigrationVersion known = latestKnown();
            if (backupVersion.compareTo(known) > 0) {
                throw new BackupException(path + " was made by a newer Dashtam (" + manifest.appVersion()
                        + ", schema V" + manifest.schemaVersion() + "; this version knows up to V" + known
                        + "): restore it with that version or a later one");
            }
            checkKeyIds(manifest);
            try (Connection c = dataSource.getConnection()) {
                List<String> present = Schema.relations(c);
                if (!present.isEmpty()) {
                    throw new BackupException("the database is not empty (" + present.size() + " tables, views or "
                            + "sequences, e.g. " + present.subList(0, Math.min(3, present.size()))
                            + "): restore only goes into an empty database");
                }
            }
            try {
                flyway(backupVersion).migrate();
                long opened = load(file, manifest);
                var forward = flyway(null).migrate();
                return new Result(manifest, forward.targetSchemaVersion == null ? manifest.schemaVersion()
                        : forward.targetSchemaVersion, opened);
            } catch (RuntimeException | SQLException | IOException e) {
                emptyAgain();
                if (e instanceof BackupException backup) {
                    throw backup;
                }
                throw new BackupException("restore failed, the database was emptied again: " + e.getMessage(), e);
            }
        } catch (IOException | SQLException e) {
            throw new BackupException(path + ": " + e.getMessage(), e);
        }
    }

    private long load(BackupFile file, Manifest manifest) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; "
                        + "SET LOCAL IntervalStyle = 'postgres'");
            }
            var existing = Schema.tables(c);
            // The rows arrive as they were: triggers must not act on them again (the audit log's guard; the history
            // triggers of schemas V150 to V169, which a backup of that time is loaded into before migrating), while
            // the foreign keys (internal triggers, not USER ones) are still checked.
            setUserTriggers(c, existing.keySet(), false);
            // Like pg_restore: indexes that back no constraint are built once after the load, not row by row
            // (the trigram indexes on transactions make a row-by-row load several times slower).
            List<String> indexes = dropSecondaryIndexes(c);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Manifest.Table table : manifest.tables()) {
                List<String> columns = existing.get(table.name());
                if (columns == null || !columns.containsAll(table.columns())) {
                    throw new BackupException("the schema built for V" + manifest.schemaVersion() + " has no table "
                            + table.name() + " with columns " + table.columns() + ": the backup does not belong to "
                            + "this schema");
                }
                long rows;
                try (InputStream in = file.table(table)) {
                    rows = copy.copyIn("COPY " + Schema.quote(table.name()) + " (" + Schema.columnList(table.columns())
                            + ") FROM STDIN", in);
                }
                if (rows != table.rows()) {
                    throw new BackupException("table " + table.name() + ": loaded " + rows + " rows, the backup holds "
                            + table.rows());
                }
            }
            for (Manifest.Sequence sequence : manifest.sequences()) {
                try (PreparedStatement s = c.prepareStatement("SELECT setval(?, ?, ?)")) {
                    s.setString(1, Schema.quote(sequence.name()));
                    s.setLong(2, sequence.lastValue());
                    s.setBoolean(3, sequence.called());
                    s.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL maintenance_work_mem = '256MB'");
                for (String index : indexes) {
                    s.execute(index);
                }
            }
            setUserTriggers(c, existing.keySet(), true);
            SealedSecretsCheck.Result keys = SealedSecretsCheck.verify(c, encryptionKeys);
            if (!keys.allOpen()) {
                c.rollback();
                throw new BackupException("DASHTAM_ENCRYPTION_KEYS does not open " + keys.failed() + " provider "
                        + "secret(s) of this backup (sealed under key id(s) " + keys.failedByKeyId().keySet()
                        + "): restore with the keys the backup was made with; nothing was restored");
            }
            c.commit();
            return keys.opened();
        }
    }

    /** Drops the indexes of the current schema that back no constraint; returns their definitions. */
    private static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("""
                SELECT quote_ident(ic.relname), pg_get_indexdef(i.indexrelid) FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
                WHERE n.nspname = current_schema()
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY 1""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
        }
        return definitions;
    }

    private static void setUserTriggers(Connection c, java.util.Collection<String> tables, boolean enabled)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + Schema.quote(table) + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER");
            }
        }
    }

    /** Before touching the database: every key id the backup's secrets name must be configured. */
    private void checkKeyIds(Manifest manifest) {
        Set<String> configured = KeyRing.parse("DASHTAM_ENCRYPTION_KEYS", encryptionKeys).ids();
        List<String> missing = new ArrayList<>(manifest.keyIds() == null ? List.of() : manifest.keyIds());
        missing.removeAll(configured);
        if (!missing.isEmpty()) {
            throw new BackupException("DASHTAM_ENCRYPTION_KEYS has no key " + missing + ", under which this backup's "
                    + "provider secrets are sealed (configured: " + configured + "): restore with the keys the "
                    + "backup was made with; nothing was restored");
        }
    }

    private MigrationVersion latestKnown() {
        return Arrays.stream(flyway(null).info().all()).map(MigrationInfo::getVersion).filter(Objects::nonNull)
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new BackupException("no migrations found in " + migrations));
    }

    private Flyway flyway(MigrationVersion target) {
        var config = Flyway.configure().dataSource(dataSource).locations(migrations);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    /** The schema held nothing before this restore; make it so again. */
    private void emptyAgain() {
        try {
            Flyway.configure().dataSource(dataSource).locations(migrations).cleanDisabled(false).load().clean();
        } catch (RuntimeException e) {
            throw new BackupException("restore failed and the database could not be emptied again (" + e.getMessage()
                    + "): drop and recreate it before the next attempt", e);
        }
    }
}
