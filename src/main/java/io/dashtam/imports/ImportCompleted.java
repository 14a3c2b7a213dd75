package io.dashtam.imports;

import io.dashtam.core.UserId;
import java.util.UUID;

/** A file import committed: its counts, never the file (not its name, accounts, payees or amounts). */
public record ImportCompleted(UUID importId, UUID connectionId, UserId userId, String format, int accounts,
        int parsed, int added, int updated, int unchanged) {
}
