package io.dashtam.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an import did (or, as a preview, would do): rows read and what they added, updated or left unchanged,
 * per account. A preview has no id and its accounts none either, since nothing was stored.
 */
public record ImportResult(UUID id, boolean preview, String format, String fileName, String sha256, int parsed,
        int added, int updated, int unchanged, List<AccountResult> accounts, Instant createdAt) {

    /**
     * One account: rows read and what they added, updated or left unchanged ({@code added} counts the balance and
     * holdings rows too); {@code newAccount} when the import creates the account ({@link ImportResult#added}
     * counts it).
     */
    public record AccountResult(UUID accountId, String number, String name, String type, int transactions,
            int added, int updated, int unchanged, int closed, boolean newAccount) {
    }
}
