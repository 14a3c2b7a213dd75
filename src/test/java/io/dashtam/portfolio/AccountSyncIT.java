package io.dashtam.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account stored window by window as a sync fetches it: counts per distinct id over the whole account, the last
 * report of an id wins, each window visible once stored, the balance only with the last transaction.
 */
class AccountSyncIT extends IntegrationTest {

    @Autowired
    PortfolioStore store;

    /** One time for every row: the test clock runs, and a row's time is part of what makes it changed. */
    private final Instant time = Instant.parse("2026-01-15T10:00:00Z");

    private AccountBatch.Transaction tx(String id, String amount) {
        return new AccountBatch.Transaction(id, time, null, null, "JOURNAL", "VALID", "T " + id, null, null, null,
                new BigDecimal(amount));
    }

    private AccountBatch header(Caller caller, UUID connection, String number) {
        return new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account(number, null,
                "CASH", Currency.getInstance("USD")), null, null,
                List.of());
    }

    private BatchResult paged(AccountBatch header, List<List<AccountBatch.Transaction>> pages) {
        AccountSync sync = store.sync(header, AccountSync.Guard.NONE);
        Instant from = time.minusSeconds(3600);
        for (List<AccountBatch.Transaction> page : pages) {
            sync.window(from, from.plusSeconds(60), page); // ranges before the rows' time: no pending rule applies
            from = from.plusSeconds(60);
        }
        return sync.finish(null);
    }

    private String amount(UUID account, String id) {
        return jdbc.sql("SELECT amount::text FROM transactions WHERE account_id = :a AND provider_transaction_id = :id")
                .param("a", account).param("id", id).query(String.class).single();
    }

    private long count(UUID account) {
        return jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = :a").param("a", account)
                .query(Long.class).single();
    }

    @Test
    void countsAreExactAcrossPagesAndAnIdReportedTwiceEndsWithItsLastReport() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        var header = header(caller, connection, "5550001");

        var first = paged(header, List.of(List.of(tx("a", "1.00"), tx("b", "2.00")), List.of(tx("c", "3.00"))));
        assertThat(first.accountCreated()).isTrue();
        assertThat(List.of(first.added(), first.updated(), first.unchanged())).containsExactly(3, 0, 0);

        var second = paged(header, List.of(List.of(tx("a", "1.50"), tx("d", "4.00")), List.of(tx("b", "2.00"))));
        assertThat(List.of(second.added(), second.updated(), second.unchanged())).containsExactly(1, 1, 1);

        // "a" changes in one window and back in the next: each window is stored on its own, so it counts as
        // updated (once, like every id: "e" reported twice is one added).
        var third = paged(header, List.of(List.of(tx("a", "9.99"), tx("e", "5.00")),
                List.of(tx("a", "1.50"), tx("e", "5.25"))));
        assertThat(List.of(third.added(), third.updated(), third.unchanged())).containsExactly(1, 1, 0);
        assertThat(amount(first.accountId(), "a")).isEqualTo("1.5000");
        assertThat(amount(first.accountId(), "e")).isEqualTo("5.2500");
        assertThat(count(first.accountId())).isEqualTo(5);

        // The same on an account's first batch, which COPYs straight into the table.
        var fresh = paged(header(caller, connection, "5550002"), List.of(List.of(tx("x", "1.00")),
                List.of(tx("y", "2.00"), tx("x", "7.00"))));
        assertThat(List.of(fresh.added(), fresh.updated(), fresh.unchanged())).containsExactly(2, 0, 0);
        assertThat(amount(fresh.accountId(), "x")).isEqualTo("7.0000");
        assertThat(count(fresh.accountId())).isEqualTo(2);
    }

    @Test
    void eachWindowIsVisibleOnceStoredAndTheBalanceComesWithTheLast() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        var header = new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account("5550003",
                null, "CASH", Currency.getInstance("USD")), new AccountBatch.Balance(new BigDecimal("10.00"),
                new BigDecimal("10.00")), null, List.of());
        AccountSync sync = store.sync(header, AccountSync.Guard.NONE);
        String accounts = "SELECT count(*) FROM accounts WHERE connection_id = :c";
        assertThat(jdbc.sql(accounts).param("c", connection).query(Long.class).single()).as("nothing before a window")
                .isZero();
        sync.window(time.minusSeconds(60), time.plusSeconds(60), List.of(tx("a", "1.00"), tx("b", "2.00")));
        assertThat(jdbc.sql(accounts).param("c", connection).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :u")
                .param("u", UUID.fromString(caller.userId())).query(Long.class).single()).isEqualTo(2);
        String balances = "SELECT count(*) FROM balance_snapshots b JOIN accounts a ON a.id = b.account_id "
                + "WHERE a.connection_id = :c";
        assertThat(jdbc.sql(balances).param("c", connection).query(Long.class).single()).isZero();
        var result = sync.finish(null);
        assertThat(result.balanceChanged()).isTrue();
        assertThat(jdbc.sql(balances).param("c", connection).query(Long.class).single()).isOne();
    }

    @Test
    void aRefusingGuardKeepsNothingOfItsTransaction() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        AccountSync sync = store.sync(header(caller, connection, "5550004"), transaction -> {
            throw new IllegalStateException("refused");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.window(time.minusSeconds(60),
                time.plusSeconds(60), List.of(tx("a", "1.00")))).hasMessage("refused");
        assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE connection_id = :c").param("c", connection)
                .query(Long.class).single()).isZero();
    }

    @Test
    void pendingRowsMissingFromAWindowAreRemovedThereOnly() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        var header = header(caller, connection, "5550005");
        var pending = new AccountBatch.Transaction("p", time, null, null, "JOURNAL", "PENDING", "pending", null,
                null, null, new BigDecimal("4.00"));
        var first = paged(header, List.of(List.of(pending)));
        AccountSync sync = store.sync(header, AccountSync.Guard.NONE);
        sync.window(time.minusSeconds(7200), time.minusSeconds(60), List.of()); // before "p": kept
        assertThat(count(first.accountId())).isOne();
        sync.window(time.minusSeconds(60), time.plusSeconds(60), List.of()); // holds "p"'s time, without it
        assertThat(count(first.accountId())).isZero();
        assertThat(sync.finish(null).removed()).isOne();
    }
}
