package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a derived value history needs from the portfolio, read-only: a user's accounts, and an account's reported
 * balances, posted transactions (pending and invalid ones are not history yet) and current holdings. Which accounts
 * changed is announced by every writer with {@link AccountRecordsChanged}.
 */
@Service
public class PortfolioHistory {

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
}
