package io.dashtam.portfolio;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The transactions of an {@link AccountSync}: one per window and a last one, each short and on its own. */
@Component
class AccountSyncWrites {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final RecordChanges changes;
    private final Clock clock;

    AccountSyncWrites(JdbcClient jdbc, DataSource dataSource, RecordChanges changes, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.changes = changes;
        this.clock = clock;
    }

    record Finished(BatchResult result, Runnable afterCommit) {
    }

    @Transactional
    public void window(AccountSync sync, Instant from, Instant to, List<AccountBatch.Transaction> rows) {
        sync.guard.check(jdbc);
        Timestamp now = Timestamp.from(clock.instant());
        account(sync, now);
        sync.transactions.write(jdbc, connection(), rows, now);
        Set<String> ids = new HashSet<>();
        rows.forEach(t -> ids.add(t.providerId()));
        sync.removedPending += sync.transactions.removeVanishedPending(jdbc, from, to, ids);
        changes.changed(sync.header.userId(), sync.account.id(), sync.transactions.takeEarliestChanged(), null,
                now.toInstant());
    }

    @Transactional
    public Finished finish(AccountSync sync, AccountSync.BeforeCommit beforeCommit) {
        sync.guard.check(jdbc);
        Instant now = clock.instant();
        account(sync, Timestamp.from(now));
        BatchResult result = BatchWriter.finish(jdbc, sync.account, sync.header, sync.transactions,
                sync.removedPending, now);
        changes.changed(sync.header.userId(), sync.account.id(), sync.transactions.takeEarliestChanged(), result,
                now);
        return new Finished(result, beforeCommit == null ? null : beforeCommit.apply(jdbc, result));
    }

    /** The account row, written by the account's first transaction. */
    private void account(AccountSync sync, Timestamp now) {
        if (sync.account == null) {
            sync.account = BatchWriter.account(jdbc, sync.header, now);
            sync.transactions = new TransactionWriter(sync.account.id(), sync.header.userId(),
                    sync.header.account().currency());
        }
    }

    private Connection connection() {
        return DataSourceUtils.getConnection(dataSource);
    }
}
