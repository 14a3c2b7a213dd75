package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * What is recorded of one account changed: its transactions (added, changed or removed), its balance or its
 * holdings, in the transaction that published this (a sync's window, its last step, an import). {@code from} is the
 * earliest day a changed row is dated (a balance or holdings change: the day it is as of). Published by every writer
 * of those rows, so a reader that derives from them (the insight module's value history) follows each commit; ids
 * and a date only.
 */
public record AccountRecordsChanged(UserId userId, UUID accountId, LocalDate from) {

    public AccountRecordsChanged {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(from, "from");
    }
}
