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

/** Account batches stored page by page: exact counts, last report wins, nothing visible or kept before commit. */
class AccountBatchSessionIT extends IntegrationTest {

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
        try (AccountBatchSession session = store.begin(header, AccountBatchSession.Guard.NONE)) {
            pages.forEach(session::append);
            return session.commit();
        }
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

        // "a" changes and changes back within one batch: compared with before the batch it is unchanged.
        var third = paged(header, List.of(List.of(tx("a", "9.99"), tx("e", "5.00")),
                List.of(tx("a", "1.50"), tx("e", "5.25"))));
        assertThat(List.of(third.added(), third.updated(), third.unchanged())).containsExactly(1, 0, 1);
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
    void nothingIsVisibleBeforeTheCommitAndNothingIsKeptWithoutOne() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        String accounts = "SELECT count(*) FROM accounts WHERE connection_id = :c";
        try (AccountBatchSession session = store.begin(header(caller, connection, "5550003"),
                AccountBatchSession.Guard.NONE)) {
            session.append(List.of(tx("a", "1.00"), tx("b", "2.00")));
            session.append(List.of(tx("c", "3.00")));
            assertThat(jdbc.sql(accounts).param("c", connection).query(Long.class).single()).isZero();
            // closed without a commit, as when the provider fails mid-pagination
        }
        assertThat(jdbc.sql(accounts).param("c", connection).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :u")
                .param("u", UUID.fromString(caller.userId())).query(Long.class).single()).isZero();

        var stored = paged(header(caller, connection, "5550003"), List.of(List.of(tx("a", "1.00"))));
        assertThat(stored.added()).isEqualTo(1);
        assertThat(count(stored.accountId())).isEqualTo(1);
    }
}
