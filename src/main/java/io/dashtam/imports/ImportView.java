package io.dashtam.imports;

import java.time.Instant;
import java.util.UUID;

/** A committed import as listed: its counts and the file's name and hash, never the file. */
public record ImportView(UUID id, UUID connectionId, String format, String fileName, String sha256, int parsed,
        int added, int updated, int unchanged, Instant createdAt) {
}
