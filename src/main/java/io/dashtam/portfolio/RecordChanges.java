package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link AccountRecordsChanged} for what a write changed, inside the writer's transaction, so the event
 * publication registry records it with the rows (a crash between commit and the listeners loses nothing) and a
 * rolled-back write (an import preview) announces nothing.
 */
@Component
class RecordChanges {

    private final ApplicationEventPublisher events;

    RecordChanges(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * @param transactionsFrom the earliest day of the transactions the write changed, or null for none
     * @param result           what the whole write did (its balance and holdings flags), or null for a window
     */
    void changed(UserId user, UUID account, LocalDate transactionsFrom, BatchResult result, Instant now) {
        LocalDate from = transactionsFrom;
        if (result != null && (result.balanceChanged() || result.holdingsChanged())) {
            LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
            from = from == null || today.isBefore(from) ? today : from;
        }
        if (from != null) {
            events.publishEvent(new AccountRecordsChanged(user, account, from));
        }
    }
}
