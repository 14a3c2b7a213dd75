package io.dashtam.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One account as a sync stores it: each window of transactions in a short database transaction of its own, taken
 * only once the window's rows are in hand, and the balance and holdings in a last one. No transaction, lock or
 * pooled connection is held between calls, so nothing waits on the provider. A run that stops half-way leaves the
 * windows it stored (they are exact: the provider's whole answer for their ranges); the next run fetches the same
 * range again and its upserts make the account whole. Not thread-safe: one thread writes.
 */
public final class AccountSync {

    /**
     * The caller's condition, run first in every transaction of this account with statements in it (e.g. to lock a
     * row that must exist until the commit, taken before any row of the account, so lock order is a deleter's).
     * Throws to refuse; nothing of that transaction is kept.
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = transaction -> { };

        void check(JdbcClient transaction);
    }

    /** Runs inside the last transaction right before it commits, with what the whole account changed. */
    @FunctionalInterface
    public interface BeforeCommit {
        /** Returns what to run once the transaction committed (e.g. deliver an event stored in it), or null. */
        Runnable apply(JdbcClient transaction, BatchResult result);
    }

    private final AccountSyncWrites writes;
    final AccountBatch header;
    final Guard guard;
    /** Null until the first transaction wrote the account row. */
    BatchWriter.AccountRow account;
    TransactionWriter transactions;
    int removedPending;
    private boolean finished;

    AccountSync(AccountSyncWrites writes, AccountBatch header, Guard guard) {
        if (!header.transactions().isEmpty()) {
            throw new IllegalArgumentException("a sync's transactions come window by window");
        }
        this.writes = writes;
        this.header = header;
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Stores every transaction the provider holds within {@code [from, to)} (rows at {@code to} itself too, as an
     * inclusive end date reports them): in one transaction, pending rows of the range that it no longer reports are
     * removed, as cancelled at the provider.
     */
    public void window(Instant from, Instant to, List<AccountBatch.Transaction> rows) {
        requireOpen();
        writes.window(this, from, to, rows);
    }

    /** Balance and holdings, in the last transaction; returns what the whole account changed. */
    public BatchResult finish(BeforeCommit beforeCommit) {
        requireOpen();
        finished = true;
        AccountSyncWrites.Finished done = writes.finish(this, beforeCommit);
        if (done.afterCommit() != null) {
            done.afterCommit().run();
        }
        return done.result();
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("account already finished");
        }
    }
}
