package io.dashtam.backup;

import io.dashtam.providers.SealedSecretsCheck;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a backup: a ZIP whose first entry names the format, then one COPY text entry per table, all read in one
 * {@code REPEATABLE READ READ ONLY} transaction (one snapshot: a row written meanwhile is in every table or in
 * none), then the manifest with each table's row count and SHA-256. The file is written beside the target and
 * renamed into place once complete, so an interrupted backup never leaves a truncated file under the final name.
 */
final class BackupWriter {

    static final String MARKER = "dashtam-backup";
    static final String MANIFEST = "manifest.json";
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DataSource dataSource;
    private final Clock clock;
    private final String appVersion;

    BackupWriter(DataSource dataSource, Clock clock, String appVersion) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.appVersion = appVersion;
    }

    Manifest write(Path file) {
        if (Files.exists(file)) {
            throw new BackupException(file + " already exists; a backup never overwrites a file");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                // Text output that reads back the same anywhere: UTC, ISO dates, exact floats, hex bytea.
                s.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; "
                        + "SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex'; "
                        + "SET LOCAL IntervalStyle = 'postgres'");
            }
            Manifest manifest;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                 ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                zip.setLevel(Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry(MARKER));
                zip.write(("Dashtam backup, format " + Manifest.FORMAT_VERSION + ". Restore with: java -jar "
                        + "dashtam.jar restore FILE (into an empty database).\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                String version = Schema.version(c).orElseThrow(() -> new BackupException(
                        "the database has no Dashtam schema (no " + Schema.FLYWAY_TABLE + "): nothing to back up"));
                List<Manifest.Table> tables = new ArrayList<>();
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Map.Entry<String, List<String>> table : Schema.tables(c).entrySet()) {
                    ZipEntry entry = new ZipEntry("tables/" + table.getKey() + ".copy");
                    zip.putNextEntry(entry);
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    CountingStream counted = new CountingStream(new DigestOutputStream(new Unclosable(zip), sha));
                    long rows = copy.copyOut("COPY " + Schema.quote(table.getKey()) + " ("
                            + Schema.columnList(table.getValue()) + ") TO STDOUT", counted);
                    counted.flush();
                    zip.closeEntry();
                    tables.add(new Manifest.Table(table.getKey(), table.getValue(), rows, counted.count,
                            HexFormat.of().formatHex(sha.digest())));
                }
                manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, appVersion, clock.instant(), version,
                        Schema.serverVersion(c), tables, Schema.sequences(c), SealedSecretsCheck.keyIds(c));
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            c.rollback();
            try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (SQLException | IOException | java.security.NoSuchAlgorithmException e) {
            throw new BackupException("backup failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the partial file is never read as a backup (no manifest, no final name)
            }
        }
    }

    /** Counts bytes on their way to the digest and the ZIP entry. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** The ZIP stays open across entries; COPY's stream must not close it. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
