package io.dashtam.sync;

import io.dashtam.core.UserEvents;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.AccountSync;
import io.dashtam.portfolio.BatchResult;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.portfolio.PortfolioUpdate;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync of one connection, through its provider's port: accounts with balances and positions, then each
 * account's transactions over date windows within the provider's limits, each window stored in a short database
 * transaction of its own and the account's balance and holdings in a last one ({@link AccountSync}). A failure
 * stops the run; what was stored stays exact (whole windows), and the next run, starting where this one started,
 * completes it. Each account that changed publishes {@code portfolio.updated} with its last transaction, as does
 * closing vanished accounts.
 */
@Component
class SyncRunner {

    private final SyncConnections connections;
    private final PortfolioStore store;
    private final SyncProperties properties;
    private final Clock clock;
    private final ProviderCalls calls;
    private final UserEvents events;
    private final TransactionTemplate tx;

    SyncRunner(SyncConnections connections, PortfolioStore store, SyncProperties properties, Clock clock,
            ProviderCalls calls, UserEvents events, PlatformTransactionManager transactions) {
        this.calls = calls;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.connections = connections;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Progress of a run: the counts so far and a heartbeat that renews the lease now and then (throws when lost). */
    interface Progress {
        void report(SyncRun.Counts counts);

        SyncRun.Counts counts();

        /**
         * First in each of an account's short transactions: holds the connection's job row until that commit (a
         * deletion of the connection then waits for it, briefly, and removes its rows too), and throws when the
         * connection was deleted already or the run was taken over.
         */
        void holdJob(JdbcClient transaction);

        /** A wait for the provider (its rate limit, a 429, a backoff): shown on the run, not a failure. */
        default void waited(String reason, Duration duration) {
        }

        /** Right before each provider request: keeps the lease ahead of a request that may take the whole timeout. */
        default void beforeRequest() {
        }

        /** The provider answered, with these warnings beside its data (none: an empty list); the latest call wins. */
        default void warned(List<String> warnings) {
        }
    }

    /** Runs the sync with its own threads; returns the end of the transaction window fetched. */
    Instant sync(SyncJobs.Claim claim, Progress progress) {
        try (RunControl run = new RunControl(properties.parallelCalls())) {
            return sync(claim, progress, run);
        }
    }

    /**
     * Runs the sync, every provider call on {@code run}'s threads (a stop of the run interrupts them); returns the end
     * of the transaction window fetched, which the next run overlaps.
     */
    Instant sync(SyncJobs.Claim claim, Progress progress, RunControl run) {
        // Each HTTP request waits for the provider's budget (reported on the run) and renews the lease first.
        ProviderCalls.WaitListener waits = new ProviderCalls.WaitListener() {
            @Override
            public void waiting(String reason, Duration duration) {
                progress.waited(reason, duration);
            }

            @Override
            public void sending() {
                progress.beforeRequest();
            }
        };
        SyncConnections.SyncSession session = connections.open(claim.connectionId(), waits);
        String provider = connections.find(claim.connectionId()).map(SyncConnections.SyncTarget::providerKey)
                .orElse("unknown");
        ProviderFetch client = new GuardedFetch(session, provider, calls, progress,
                rejected -> connections.reopen(claim.connectionId(), rejected, waits),
                e -> connections.refused(claim.connectionId(),
                        e.kind() == ProviderCallException.Kind.FORBIDDEN, e.getMessage()));
        Limits limits = new Limits(session.limits(), properties);
        // Millisecond-aligned: APIs' date formats have milliseconds, so every window stays non-empty as sent.
        Instant end = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant earliest = end.minus(limits.backfill());
        Instant start = claim.syncedUntil() == null ? earliest
                : max(earliest, claim.syncedUntil().truncatedTo(ChronoUnit.MILLIS).minus(properties.overlap()));
        List<ProviderAccount> accounts = run.call(client::accounts);
        progress.warned(client.warnings());
        progress.report(progress.counts());
        List<AccountBatch.Account> reported = new ArrayList<>();
        for (ProviderAccount account : accounts) {
            // Each window is stored in a short transaction of its own once its rows are in hand, while the next
            // windows are fetched; no transaction is open while the provider is waited on.
            // Activity still pending (ACH over a weekend...) is fetched again until it posts or disappears.
            Instant from = store.oldestPending(claim.connectionId(), account.account())
                    .map(p -> max(earliest, min(start, p.truncatedTo(ChronoUnit.MILLIS)))).orElse(start);
            AccountSync stored = store.sync(new AccountBatch(claim.connectionId(), claim.userId(),
                    account.account(), account.balance(), account.holdings(), List.of()), progress::holdJob);
            new TransactionWindows(client, account, limits.window(), limits.cap(), properties.parallelCalls(), run)
                    .fetch(from, end, stored::window, () -> progress.report(progress.counts()));
            BatchResult result = stored.finish((transaction, changed) -> PortfolioUpdate.of(claim.connectionId(),
                    List.of(changed), List.of()).map(payload -> events.publish(transaction, claim.userId(),
                    PortfolioUpdate.TYPE, payload)).orElse(null));
            reported.add(account.account());
            progress.report(progress.counts().plus(result));
        }
        // With provider warnings (a bank the bridge could not reach) the account list is partial: close nothing.
        progress.warned(client.warnings());
        if (client.warnings().isEmpty()) {
            List<java.util.UUID> closed = tx.execute(status -> {
                List<java.util.UUID> ids = store.closeAccountsExcept(claim.connectionId(), reported);
                PortfolioUpdate.of(claim.connectionId(), List.of(), ids).ifPresent(payload -> events.publish(
                        claim.userId(), PortfolioUpdate.TYPE, payload));
                return ids;
            });
            progress.report(progress.counts().plusRemoved(closed == null ? 0 : closed.size()));
        }
        return end;
    }

    /** The configured window and backfill within what the provider allows, and its row cap. */
    private record Limits(Duration window, Duration backfill, int cap) {
        Limits(ProviderLimits provider, SyncProperties properties) {
            this(min(properties.window(), provider.maxWindow()), min(properties.backfill(), provider.maxBackfill()),
                    provider.maxRowsPerCall());
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
