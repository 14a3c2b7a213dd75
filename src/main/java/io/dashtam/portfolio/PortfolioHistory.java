package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a derived value history needs from the portfolio, read-only: an account's reported balances, posted
 * transactions (pending and invalid ones are not history yet) and current holdings; and which accounts changed
 * since their history was last derived. Triggers on the portfolio's tables record each change in the writer's own
 * transaction and notify {@link #CHANNEL}, so every writer (sync batches, imports) is covered without calling here.
 */
@Service
public class PortfolioHistory {

    public static final String CHANNEL = "portfolio_history";

    public record Account(UUID id, UserId userId, UUID connectionId, String currency, String type, Instant closedAt) {
    }

    public record Snapshot(LocalDate day, BigDecimal balance, BigDecimal cash) {
    }

    public record Transaction(LocalDate day, String type, String symbol, BigDecimal quantity, BigDecimal amount) {
    }

    public record Holding(String symbol, BigDecimal quantity, BigDecimal marketValue) {
    }

    public record Inputs(Account account, List<Snapshot> snapshots, List<Transaction> transactions,
            List<Holding> holdings) {
    }

    /** A claimed change: done with {@link #done} once the history is stored. */
    public record Change(UUID accountId, Instant changedAt) {
    }

    private final JdbcClient jdbc;

    PortfolioHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                rs.getObject("connection_id", UUID.class), rs.getString("currency").trim(), rs.getString("type"),
                PortfolioQueries.instant(rs, "closed_at"));
    }

    @Transactional(readOnly = true)
    public List<Account> accounts(UserId user) {
        return jdbc.sql("SELECT * FROM accounts WHERE user_id = :u ORDER BY name, id").param("u", user.value())
                .query((rs, n) -> account(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<Inputs> inputs(UUID accountId) {
        Optional<Account> account = jdbc.sql("SELECT * FROM accounts WHERE id = :a").param("a", accountId)
                .query((rs, n) -> account(rs)).optional();
        return account.map(a -> new Inputs(a,
                jdbc.sql("SELECT as_of_date, balance, cash FROM balance_snapshots WHERE account_id = :a ORDER BY as_of_date")
                        .param("a", accountId).query((rs, n) -> new Snapshot(rs.getDate(1).toLocalDate(),
                                rs.getBigDecimal(2), rs.getBigDecimal(3))).list(),
                jdbc.sql("""
                        SELECT coalesce(trade_date, (occurred_at AT TIME ZONE 'UTC')::date) AS day, type, symbol,
                            quantity, amount
                        FROM transactions WHERE account_id = :a AND status IN ('VALID', 'UNKNOWN')
                        ORDER BY occurred_at, id""")
                        .param("a", accountId).query((rs, n) -> new Transaction(rs.getDate(1).toLocalDate(),
                                rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5))).list(),
                jdbc.sql("""
                        SELECT coalesce(symbol, 'CUSIP:' || cusip, 'HOLDING:' || provider_holding_id), quantity,
                            market_value
                        FROM holdings WHERE account_id = :a AND closed_at IS NULL""")
                        .param("a", accountId).query((rs, n) -> new Holding(rs.getString(1), rs.getBigDecimal(2),
                                rs.getBigDecimal(3))).list()));
    }

    /** Claims up to {@code limit} changed accounts for {@code lease} (others skip them). */
    @Transactional
    public List<Change> claimChanged(int limit, Duration lease, Instant now) {
        return jdbc.sql("""
                UPDATE portfolio_history_changes c SET claimed_until = :until
                WHERE account_id IN (SELECT account_id FROM portfolio_history_changes
                    WHERE claimed_until IS NULL OR claimed_until < :now ORDER BY changed_at LIMIT :n
                    FOR UPDATE SKIP LOCKED)
                RETURNING account_id, changed_at""")
                .param("until", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now)).param("n", limit)
                .query((rs, n) -> new Change(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).list();
    }

    /** The change is handled, unless the account changed again meanwhile (then it stays for the next round). */
    @Transactional
    public void done(Change change) {
        jdbc.sql("DELETE FROM portfolio_history_changes WHERE account_id = :a AND changed_at = :t")
                .param("a", change.accountId()).param("t", Timestamp.from(change.changedAt())).update();
    }

    /**
     * Asks for the history of every account of the user to be derived again (something the history depends on
     * outside the portfolio changed, e.g. the user's own prices), in the caller's transaction; a NOTIFY wakes the
     * derivation.
     */
    @Transactional
    public int rederive(UserId user) {
        int n = jdbc.sql("""
                INSERT INTO portfolio_history_changes (account_id, changed_at)
                SELECT id, clock_timestamp() FROM accounts WHERE user_id = :u
                ON CONFLICT (account_id) DO UPDATE SET changed_at = excluded.changed_at, claimed_until = NULL""")
                .param("u", user.value()).update();
        jdbc.sql("SELECT pg_notify(:c, '')").param("c", CHANNEL).query(Object.class).list();
        return n;
    }

    /** Whether any account waits for its history (for tests and readiness). */
    @Transactional(readOnly = true)
    public boolean pending(UserId user) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM portfolio_history_changes c JOIN accounts a ON a.id = c.account_id
                WHERE a.user_id = :u)""").param("u", user.value()).query(Boolean.class).single();
    }
}
