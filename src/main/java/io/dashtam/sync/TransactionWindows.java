package io.dashtam.sync;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.TransactionPage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One account's transactions over {@code [start, end)} in date windows within the provider's limits, handed over
 * in time order, every instant of the range covered by exactly one used answer. An answer that comes back full
 * (the provider's row cap) may have been cut short: its rows are never used, and its window is fetched again in
 * pieces sized from the time the rows cover, ahead of every later window.
 *
 * <p>Until an answer shows how dense the history is, one window is in flight at a time (empty answers double the
 * span up to the maximum); after that {@code parallel} windows, each sized to hold about two thirds of the cap at
 * the density of the latest answer. The loop ends only when the whole range was handed over: windows still to be
 * asked for, or in flight, keep it going ({@code SyncWindowsTest} runs the settings grid against ground truth).
 */
final class TransactionWindows {

    /** Below this a window cannot be cut further: the APIs' dates have millisecond steps, answers need room. */
    private static final Duration SMALLEST = Duration.ofSeconds(2);

    private final ProviderFetch client;
    private final ProviderAccount account;
    private final Duration maxWindow;
    private final int cap;
    private final int parallel;
    private final RunControl run;

    /** On the run's threads ({@code parallel} of them or more), which a stop of the run interrupts. */
    TransactionWindows(ProviderFetch client, ProviderAccount account, Duration maxWindow, int cap, int parallel,
            RunControl run) {
        this.client = client;
        this.account = account;
        this.maxWindow = maxWindow;
        this.cap = cap;
        this.parallel = Math.max(1, parallel);
        this.run = run;
    }

    /**
     * Fetches everything in {@code [start, end)}: {@code into} gets each used window's range and rows in order, on
     * the calling thread, while later windows are fetched; {@code afterStep} runs there after each answer.
     */
    void fetch(Instant start, Instant end, WindowConsumer into, Runnable afterStep) {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        try {
            Instant next = start;
            Duration span = maxWindow;
            boolean sized = false;
            while (next.isBefore(end) || !inFlight.isEmpty()) {
                while (inFlight.size() < (sized ? parallel : 1) && next.isBefore(end)) {
                    Instant to = min(end, next.plus(span));
                    inFlight.addLast(submit(next, to));
                    next = to;
                }
                InFlight window = inFlight.removeFirst();
                TransactionPage page = run.await(window.answer());
                afterStep.run();
                if (page.full()) {
                    // Its pieces go first, in order, before any later window's answer is used.
                    Duration piece = narrowed(window.length(), page.rows(), cap);
                    List<InFlight> pieces = new ArrayList<>();
                    for (Instant f = window.from(); f.isBefore(window.to()); f = min(window.to(), f.plus(piece))) {
                        pieces.add(submit(f, min(window.to(), f.plus(piece))));
                    }
                    for (int i = pieces.size() - 1; i >= 0; i--) {
                        inFlight.addFirst(pieces.get(i));
                    }
                    span = min(span, piece);
                    continue;
                }
                into.accept(window.from(), window.to(), page.rows());
                if (page.rows().isEmpty()) {
                    span = min(maxWindow, span.multipliedBy(2));
                } else {
                    span = sized(window.length(), page.rows().size());
                    sized = true;
                }
            }
        } finally {
            // After a failure, the windows still in flight are of no use: they stop, the run's threads stay.
            inFlight.forEach(window -> window.answer().cancel(true));
        }
    }

    /** A used window: its range {@code [from, to)} and every row the provider holds in it. */
    @FunctionalInterface
    interface WindowConsumer {
        void accept(Instant from, Instant to, List<AccountBatch.Transaction> rows);
    }

    /** Convenience for callers that only want the rows. */
    void fetch(Instant start, Instant end, Consumer<List<AccountBatch.Transaction>> rows, Runnable afterStep) {
        fetch(start, end, (from, to, page) -> rows.accept(page), afterStep);
    }

    private InFlight submit(Instant from, Instant to) {
        return new InFlight(from, to, run.submit(() -> client.transactions(account, from, to)));
    }

    private record InFlight(Instant from, Instant to, Future<TransactionPage> answer) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    /** A span expected to hold two thirds of the cap at the density of {@code rows} over {@code length}. */
    private Duration sized(Duration length, int rows) {
        return min(maxWindow, max(SMALLEST, length.multipliedBy(Math.max(1, cap * 2 / 3)).dividedBy(rows)
                .truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * The span to fetch again after a full answer: at most half the one asked for, and, when the answer's rows show
     * how dense the history is (the time they cover holds a whole cap), a span expected to hold half the cap. A year
     * of a busy account then costs one wasted call instead of halving down from the year, one call at a time.
     */
    static Duration narrowed(Duration span, List<AccountBatch.Transaction> full, int cap) {
        Duration halved = half(span, cap);
        Instant first = null;
        Instant last = null;
        for (AccountBatch.Transaction row : full) {
            first = first == null || row.occurredAt().isBefore(first) ? row.occurredAt() : first;
            last = last == null || row.occurredAt().isAfter(last) ? row.occurredAt() : last;
        }
        if (first == null) {
            return halved;
        }
        Duration estimate = Duration.between(first, last).dividedBy(2).truncatedTo(ChronoUnit.MILLIS);
        return min(halved, max(SMALLEST, estimate));
    }

    private static Duration half(Duration span, int cap) {
        if (span.compareTo(SMALLEST) < 0) {
            throw new ProviderCallException("more than " + cap + " transactions within one second; cannot page further");
        }
        return span.dividedBy(2).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
