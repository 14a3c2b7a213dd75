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
        new TransactionWindows(provider, null, Duration.ofDays(90), 3000, 2, new RunControl(2)).fetch(T0, end,
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
        new TransactionWindows(provider, null, Duration.ofDays(90), 3000, 2, new RunControl(2)).fetch(T0, T0.plus(Duration.ofDays(365)),
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
        assertThatThrownBy(() -> new TransactionWindows(provider, null, Duration.ofDays(10), 3000, 2, new RunControl(2))
                .fetch(T0, T0.plus(Duration.ofDays(365)), rows -> { }, () -> { }))
                .isInstanceOf(ProviderCallException.class).hasMessageContaining("HTTP 500");
    }


    /**
     * Issue 24: with a 14-day window and one call at a time only the first two windows were fetched (the loop ended
     * when nothing was in flight, whatever was left of the range). Every setting against ground truth: every id the
     * provider holds arrives, each window's rows only from an answer under the cap, windows in time order.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("histories")
    void everySettingFetchesExactlyTheProvidersHistory(String name, List<Instant> history, boolean endInclusive) {
        Instant end = T0.plus(Duration.ofDays(300));
        for (Duration window : List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(14),
                Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365))) {
            for (int parallel = 1; parallel <= 4; parallel++) {
                PagedHistory provider = new PagedHistory(history, 3000, endInclusive);
                java.util.Map<String, Instant> received = new java.util.HashMap<>();
                Instant[] covered = {T0};
                new TransactionWindows(provider, null, window, 3000, parallel, new RunControl(parallel)).fetch(T0, end, (from, to, rows) -> {
                    assertThat(from).as("windows in order, none skipped").isEqualTo(covered[0]);
                    covered[0] = to;
                    rows.forEach(t -> received.put(t.providerId(), t.occurredAt()));
                }, () -> { });
                String setting = name + ", window " + window.toDays() + "d, parallel " + parallel;
                assertThat(covered[0]).as(setting + ": covered to the end").isEqualTo(end);
                assertThat(received).as(setting).hasSize(history.size());
                assertThat(received.keySet().equals(new java.util.HashSet<>(provider.ids()))).as(setting).isTrue();
            }
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> histories() {
        Duration days300 = Duration.ofDays(300);
        List<Instant> issue = spread(4550, days300, 0);
        List<Instant> sparse = spread(40, days300, 1);
        List<Instant> dense = spread(60_000, days300, 2);
        // 2,999 rows at one instant right at a 14-day edge, and 2,999 more just before day 100: windows come back
        // full at their edges and are cut down to the instant.
        List<Instant> edges = new ArrayList<>(spread(2000, days300, 3));
        for (int i = 0; i < 2999; i++) {
            edges.add(T0.plus(Duration.ofDays(14)));
        }
        for (int i = 0; i < 2999; i++) {
            edges.add(T0.plus(Duration.ofDays(100)).minusMillis(1));
        }
        List<Instant> bursty = new ArrayList<>();
        for (Instant t = T0.plus(Duration.ofDays(3)); t.isBefore(T0.plus(days300)); ) {
            bursty.add(t);
            long day = Duration.between(T0, t).toDays();
            t = t.plus(Duration.ofSeconds(day < 150 ? 43_200 : day >= 200 && day < 204 ? 20 : 600));
        }
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("4,550 over 300 days (the issue's account)", issue, true),
                org.junit.jupiter.params.provider.Arguments.of("4,550 over 300 days, end exclusive", issue, false),
                org.junit.jupiter.params.provider.Arguments.of("40 over 300 days", sparse, true),
                org.junit.jupiter.params.provider.Arguments.of("60,000 over 300 days (fills the cap)", dense, false),
                org.junit.jupiter.params.provider.Arguments.of("full at window edges", edges, true),
                org.junit.jupiter.params.provider.Arguments.of("quiet, busy, a burst", bursty, true));
    }

    /** {@code count} times over {@code over} from T0, jittered by a fixed seed so windows never line up with rows. */
    private static List<Instant> spread(int count, Duration over, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(T0.plusMillis((long) (random.nextDouble() * over.toMillis())));
        }
        return times;
    }

    /**
     * A provider's history answering windows {@code [from, to)} (or {@code [from, to]}, as Schwab's end date is
     * inclusive) with at most {@code cap} rows, oldest first; a window holding more is answered capped.
     */
    private static class PagedHistory implements ProviderFetch {
        private final java.util.NavigableMap<Instant, List<String>> byTime = new java.util.TreeMap<>();
        private final int cap;
        private final boolean endInclusive;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger full = new AtomicInteger();

        PagedHistory(List<Instant> times, int cap) {
            this(times, cap, false);
        }

        PagedHistory(List<Instant> times, int cap, boolean endInclusive) {
            this.cap = cap;
            this.endInclusive = endInclusive;
            int n = 0;
            for (Instant t : times) {
                byTime.computeIfAbsent(t, k -> new ArrayList<>()).add("t" + n++);
            }
        }

        List<String> ids() {
            return byTime.values().stream().flatMap(List::stream).toList();
        }

        @Override
        public List<ProviderAccount> accounts() {
            return List.of();
        }

        @Override
        public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
            calls.incrementAndGet();
            List<AccountBatch.Transaction> rows = new ArrayList<>();
            synchronized (byTime) {
                for (var entry : byTime.subMap(from, true, to, endInclusive).entrySet()) {
                    for (String id : entry.getValue()) {
                        rows.add(row(id, entry.getKey()));
                        if (rows.size() == cap) { // like Schwab's adapter: an answer at the cap may be cut short
                            full.incrementAndGet();
                            return TransactionPage.capped(rows);
                        }
                    }
                }
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
