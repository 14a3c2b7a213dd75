package io.dashtam.sync;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.PortfolioStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * One sync of one connection: accounts with balances and positions, then each account's transactions over date
 * windows, each account stored in its own database transaction. A failure stops the run; what was stored before
 * stays exactly as it was.
 */
@Component
class SyncRunner {

    private final SyncConnections connections;
    private final PortfolioStore store;
    private final SyncProperties properties;
    private final Clock clock;

    SyncRunner(SyncConnections connections, PortfolioStore store, SyncProperties properties, Clock clock) {
        this.connections = connections;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Progress of a run: the counts so far and a heartbeat that renews the lease (throws when it was lost). */
    interface Progress {
        void report(SyncRun.Counts counts);

        SyncRun.Counts counts();
    }

    /** Runs the sync; returns the end of the transaction window fetched, which the next run overlaps. */
    Instant sync(SyncJobs.Claim claim, Progress progress) {
        TraderClient client = new TraderClient(connections.open(claim.connectionId()), properties.requestTimeout());
        Instant end = clock.instant();
        Instant earliest = end.minus(properties.backfill());
        Instant start = claim.syncedUntil() == null ? earliest
                : max(earliest, claim.syncedUntil().minus(properties.overlap()));
        Map<String, String> hashes = TraderMapper.accountHashes(client.accountNumbers());
        List<TraderMapper.TraderAccount> accounts = TraderMapper.accounts(client.accountsWithPositions());
        progress.report(progress.counts());
        List<AccountBatch.Account> reported = new ArrayList<>();
        for (TraderMapper.TraderAccount account : accounts) {
            String hash = hashes.get(account.account().number());
            if (hash == null) {
                throw new TraderApiException("account " + account.account() + " has no hashValue in accountNumbers");
            }
            List<AccountBatch.Transaction> transactions = new ArrayList<>();
            fetch(client, hash, start, end, transactions, progress);
            var result = store.store(new AccountBatch(claim.connectionId(), claim.userId(), account.account(),
                    account.balance(), account.holdings(), transactions));
            reported.add(account.account());
            progress.report(progress.counts().plus(result));
        }
        int closed = store.closeAccountsExcept(claim.connectionId(), reported);
        progress.report(progress.counts().plusRemoved(closed));
        return end;
    }

    /** Windows of at most {@code window}; a window that hits the row cap is split in half and fetched again. */
    private void fetch(TraderClient client, String hash, Instant start, Instant end,
            List<AccountBatch.Transaction> into, Progress progress) {
        Instant from = start;
        while (from.isBefore(end)) {
            Instant to = min(end, from.plus(properties.window()));
            fetchWindow(client, hash, from, to, into, progress);
            from = to;
        }
    }

    private void fetchWindow(TraderClient client, String hash, Instant from, Instant to,
            List<AccountBatch.Transaction> into, Progress progress) {
        JsonNode page = client.transactions(hash, from, to);
        progress.report(progress.counts());
        if (page.isArray() && page.size() >= properties.maxRowsPerCall()) {
            Duration span = Duration.between(from, to);
            if (span.compareTo(Duration.ofSeconds(2)) < 0) {
                throw new TraderApiException("more than " + properties.maxRowsPerCall()
                        + " transactions within one second; cannot page further");
            }
            Instant middle = from.plus(span.dividedBy(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            fetchWindow(client, hash, from, middle, into, progress);
            fetchWindow(client, hash, middle, to, into, progress);
            return;
        }
        into.addAll(TraderMapper.transactions(page, "transactions[" + TraderClient.DATE.format(from) + "]"));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
