package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.TransactionPage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How transaction windows are sized: after an answer that hit the provider's row cap, and from each answer's density. */
class SyncWindowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFullAnswerSizesTheNextWindowFromTheTimeItsRowsCover() {
        // 3000 rows over 12 days: half the cap fits in 6 days, far below half the year asked for.
        List<AccountBatch.Transaction> full = rows(3000, Duration.ofDays(12));
        assertThat(TransactionWindows.narrowed(Duration.ofDays(365), full, 3000)).isEqualTo(Duration.ofDays(6));
    }

    @Test
    void theWindowAlwaysAtLeastHalves() {
        // Rows over more time than was asked for (a provider ignoring the dates): halving still guarantees progress.
        List<AccountBatch.Transaction> full = rows(3000, Duration.ofDays(60));
        assertThat(TransactionWindows.narrowed(Duration.ofDays(30), full, 3000)).isEqualTo(Duration.ofDays(15));
    }

    @Test
    void rowsAtOneInstantGiveTheSmallestWindowAndBelowItPagingStops() {
        List<AccountBatch.Transaction> full = rows(3000, Duration.ZERO);
        assertThat(TransactionWindows.narrowed(Duration.ofDays(1), full, 3000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TransactionWindows.narrowed(Duration.ofSeconds(3), full, 3000)).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> TransactionWindows.narrowed(Duration.ofMillis(1500), full, 3000))
                .isInstanceOf(ProviderCallException.class).hasMessageContaining("more than 3000 transactions");
    }

    @Test
    void anAnswerWithoutRowsOnlyHalves() {
        assertThat(TransactionWindows.narrowed(Duration.ofDays(10), List.of(), 3000)).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void aHistoryWhosePaceChangesArrivesWholeInOrderWithFewCallsAndNoCutAnswerStored() {
        // A year: quiet for 200 days (3 a day), then busy (300 a day), then one very busy week (3000 a day).
        Instant end = T0.plus(Duration.ofDays(365));
        List<Instant> history = new ArrayList<>();
        for (Instant t = T0.plus(Duration.ofDays(5)); t.isBefore(end); ) {
            history.add(t);
            long day = Duration.between(T0, t).toDays();
            t = t.plus(Duration.ofSeconds(day < 200 ? 28_800 : day >= 300 && day < 307 ? 29 : 288));
        }
        PagedHistory provider = new PagedHistory(history, 3000);
        List<Instant> received = new ArrayList<>();
        int[] steps = {0};
        new TransactionWindows(provider, null, Duration.ofDays(90), 3000, 2).fetch(T0, end,
                page -> page.forEach(t -> received.add(t.occurredAt())), () -> steps[0]++);
        assertThat(received).as("every row once, in time order").isEqualTo(history);
        int least = (history.size() + 2999) / 3000;
        assertThat(provider.calls.get()).as("calls for %d rows", history.size()).isLessThan(least * 3);
        // 63 calls and 8 cut answers (one per jump in pace, and the first) when written; halving from the window
        // sizes of one early answer took 77.
        assertThat(provider.full.get()).as("cut answers").isLessThanOrEqualTo(10);
        assertThat(steps[0]).isPositive();
    }

    @Test
    void anEmptyHistoryCostsAWindowPerMaximumSpan() {
        PagedHistory provider = new PagedHistory(List.of(), 3000);
        List<AccountBatch.Transaction> received = new ArrayList<>();
        new TransactionWindows(provider, null, Duration.ofDays(90), 3000, 2).fetch(T0, T0.plus(Duration.ofDays(365)),
                received::addAll, () -> { });
        assertThat(received).isEmpty();
        assertThat(provider.calls.get()).isEqualTo(5);
    }

    @Test
    void aFailedWindowSurfacesAsItself() {
        PagedHistory provider = new PagedHistory(List.of(T0.plus(Duration.ofDays(1))), 3000) {
            @Override
            public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
                if (calls.get() == 3) {
                    throw new ProviderCallException("GET /transactions answered HTTP 500");
                }
                return super.transactions(account, from, to);
            }
        };
        assertThatThrownBy(() -> new TransactionWindows(provider, null, Duration.ofDays(10), 3000, 2)
                .fetch(T0, T0.plus(Duration.ofDays(365)), rows -> { }, () -> { }))
                .isInstanceOf(ProviderCallException.class).hasMessageContaining("HTTP 500");
    }

    /** A provider's history answering windows {@code [from, to)} with at most {@code cap} rows, oldest first. */
    private static class PagedHistory implements ProviderFetch {
        private final NavigableSet<Instant> times;
        private final int cap;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger full = new AtomicInteger();

        PagedHistory(List<Instant> times, int cap) {
            this.times = new TreeSet<>(times);
            this.cap = cap;
        }

        @Override
        public List<ProviderAccount> accounts() {
            return List.of();
        }

        @Override
        public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
            calls.incrementAndGet();
            List<AccountBatch.Transaction> rows = new ArrayList<>();
            for (Instant t : times.subSet(from, true, to, false)) {
                if (rows.size() == cap) {
                    full.incrementAndGet();
                    return TransactionPage.capped(rows);
                }
                rows.add(row("t" + t.toEpochMilli(), t));
            }
            return TransactionPage.of(rows);
        }
    }

    private static AccountBatch.Transaction row(String id, Instant at) {
        return new AccountBatch.Transaction(id, at, null, null, "DIVIDEND_OR_INTEREST", "VALID", "INTEREST", null,
                null, null, new BigDecimal("1.17"));
    }

    private static List<AccountBatch.Transaction> rows(int count, Duration over) {
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = T0.plus(count == 1 ? Duration.ZERO : over.multipliedBy(i).dividedBy(count - 1));
            rows.add(row("t" + i, at));
        }
        return rows;
    }
}
