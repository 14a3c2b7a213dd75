package io.dashtam.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A backup file opened for restore, checked completely before anything touches a database: a ZIP (else foreign),
 * complete (its central directory is at the end: a cut-off file has none), with the format marker and a manifest
 * of a format this version reads, and every table entry matching the manifest's row count and SHA-256 (else
 * tampered or corrupted).
 */
final class BackupFile implements AutoCloseable {

    private final Path path;
    private final ZipFile zip;
    private final Manifest manifest;

    private BackupFile(Path path, ZipFile zip, Manifest manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    static BackupFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BackupException(path + ": no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new BackupException(startsLikeABackup(path)
                    ? path + " is truncated: it starts like a Dashtam backup but its end is missing"
                    : path + " is not a Dashtam backup (not a backup archive)");
        } catch (IOException e) {
            throw new BackupException(path + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            if (zip.getEntry(BackupWriter.MARKER) == null) {
                throw new BackupException(path + " is not a Dashtam backup (a ZIP without the backup marker)");
            }
            ZipEntry entry = zip.getEntry(BackupWriter.MANIFEST);
            if (entry == null) {
                throw new BackupException(path + " is incomplete: it has no manifest");
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                var tree = BackupWriter.JSON.readTree(in);
                if (!Manifest.FORMAT.equals(tree.path("format").asString(""))) {
                    throw new BackupException(path + " is not a Dashtam backup (its manifest names another format)");
                }
                int version = tree.path("formatVersion").asInt(0);
                if (version > Manifest.FORMAT_VERSION) {
                    throw new BackupException(path + " was made by a newer Dashtam (" + tree.path("appVersion")
                            .asString("?") + ", backup format " + version + "; this version reads format "
                            + Manifest.FORMAT_VERSION + "): restore it with that version or a later one");
                }
                manifest = BackupWriter.JSON.treeToValue(tree, Manifest.class);
            } catch (BackupException e) {
                throw e;
            } catch (RuntimeException | IOException e) {
                throw new BackupException(path + " is corrupted: its manifest cannot be read");
            }
            BackupFile file = new BackupFile(path, zip, manifest);
            file.verifyTables();
            return file;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** A table's COPY text, as written. */
    InputStream table(Manifest.Table table) throws IOException {
        return zip.getInputStream(zip.getEntry(table.entry()));
    }

    private void verifyTables() {
        byte[] buffer = new byte[1 << 16];
        for (Manifest.Table table : manifest.tables()) {
            ZipEntry entry = zip.getEntry(table.entry());
            if (entry == null) {
                throw new BackupException(path + " is incomplete: table " + table.name() + " is missing");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long rows = 0;
                long bytes = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            rows++; // COPY text ends every row with a newline and escapes those inside values
                        }
                    }
                }
                if (!HexFormat.of().formatHex(sha.digest()).equals(table.sha256()) || rows != table.rows()
                        || bytes != table.bytes()) {
                    throw new BackupException(path + " is tampered or corrupted: table " + table.name()
                            + " does not match its checksum in the manifest");
                }
            } catch (ZipException e) {
                throw new BackupException(path + " is tampered or corrupted: table " + table.name()
                        + " cannot be read (" + e.getMessage() + ")");
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new BackupException(path + ": cannot read table " + table.name() + " (" + e.getMessage() + ")");
            }
        }
    }

    /** A ZIP's first local header with the marker as its name: the file was a backup before it was cut. */
    private static boolean startsLikeABackup(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(30 + BackupWriter.MARKER.length());
            return head.length == 30 + BackupWriter.MARKER.length()
                    && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                    && new String(head, 30, BackupWriter.MARKER.length(), StandardCharsets.UTF_8)
                            .equals(BackupWriter.MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
