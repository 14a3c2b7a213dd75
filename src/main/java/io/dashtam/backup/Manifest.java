package io.dashtam.backup;

import java.time.Instant;
import java.util.List;

/**
 * The last entry of a backup: what it holds and how to check it. {@code schemaVersion} is the Flyway version the
 * data belongs to; a restore builds that schema, loads the tables in {@code tables} order (parents before children)
 * and migrates forward from there.
 */
record Manifest(String format, int formatVersion, String appVersion, Instant createdAt, String schemaVersion,
                String serverVersion, List<Table> tables, List<Sequence> sequences, List<String> keyIds) {

    static final String FORMAT = "dashtam-backup";
    static final int FORMAT_VERSION = 1;

    /** One table: its columns in COPY order, its rows, and the SHA-256 of its COPY text. */
    record Table(String name, List<String> columns, long rows, long bytes, String sha256) {

        String entry() {
            return "tables/" + name + ".copy";
        }
    }

    /** A sequence's position (identity columns), restored with setval. */
    record Sequence(String name, long lastValue, boolean called) {
    }

    long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
