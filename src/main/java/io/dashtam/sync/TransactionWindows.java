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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One account's transactions over {@code [start, end)} in date windows within the provider's limits, handed over
 * in time order. A window whose answer comes back full (the provider's row cap) may have been cut short, so it is
 * fetched again in smaller spans and its rows are never used. Windows are fetched one at a time until an answer
 * holds rows and fits; then {@code parallel} at a time, each new window sized from the density of the latest
 * answer to hold about two thirds of the cap, so a history whose pace changes (a quiet year, a busy month) costs few calls
 * (the provider's rate limit) and few full answers.
 */
final class TransactionWindows {

    /** Below this a window cannot be cut further: the APIs' dates have millisecond steps, answers need room. */
    private static final Duration SMALLEST = Duration.ofSeconds(2);

    private final ProviderFetch client;
    private final ProviderAccount account;
    private final Duration maxWindow;
    private final int cap;
    private final int parallel;

    TransactionWindows(ProviderFetch client, ProviderAccount account, Duration maxWindow, int cap, int parallel) {
        this.client = client;
        this.account = account;
        this.maxWindow = maxWindow;
        this.cap = cap;
        this.parallel = Math.max(1, parallel);
    }

    /**
     * Fetches everything in {@code [start, end)}: {@code into} gets each window's rows in order, and
     * {@code afterStep} runs on the calling thread after each answer used (progress, the lease).
     */
    void fetch(Instant start, Instant end, Consumer<List<AccountBatch.Transaction>> into, Runnable afterStep) {
        Instant from = start;
        Duration span = maxWindow;
        List<AccountBatch.Transaction> first = List.of();
        while (from.isBefore(end)) {
            Instant to = min(end, from.plus(span));
            TransactionPage page = client.transactions(account, from, to);
            afterStep.run();
            if (page.full()) {
                span = narrowed(span, page.rows(), cap);
                continue;
            }
            if (!page.rows().isEmpty()) {
                first = page.rows();
                span = sized(Duration.between(from, to), first.size());
                from = to;
                break;
            }
            // Empty: after a full answer the busy part may be just ahead, so grow step by step, not back to the max.
            from = to;
            span = min(maxWindow, span.multipliedBy(2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, task -> {
            Thread thread = new Thread(task, "sync-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<InFlight> inFlight = new ArrayDeque<>();
            Instant next = from;
            boolean firstStored = false;
            while (!firstStored || !inFlight.isEmpty()) {
                while (inFlight.size() < parallel && next.isBefore(end)) {
                    Instant f = next;
                    Instant t = min(end, next.plus(span));
                    inFlight.add(new InFlight(Duration.between(f, t), pool.submit(() -> fetchSplitting(f, t))));
                    next = t;
                }
                if (!firstStored) {
                    into.accept(first); // stored while the next windows are fetched
                    firstStored = true;
                    continue;
                }
                InFlight window = inFlight.removeFirst();
                List<AccountBatch.Transaction> rows = await(window.rows());
                into.accept(rows);
                afterStep.run();
                span = rows.isEmpty() ? min(maxWindow, span.multipliedBy(2)) : sized(window.length(), rows.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record InFlight(Duration length, Future<List<AccountBatch.Transaction>> rows) {
    }

    /** One window; a full answer is fetched again in pieces sized from its rows (each split again if full). */
    private List<AccountBatch.Transaction> fetchSplitting(Instant from, Instant to) {
        TransactionPage page = client.transactions(account, from, to);
        if (!page.full()) {
            return page.rows();
        }
        Duration piece = narrowed(Duration.between(from, to), page.rows(), cap);
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (Instant f = from; f.isBefore(to); f = min(to, f.plus(piece))) {
            rows.addAll(fetchSplitting(f, min(to, f.plus(piece))));
        }
        return rows;
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

    /** Unwraps a window's failure so it surfaces as itself (API error, invalid data), not as an execution error. */
    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderCallException("sync interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
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
