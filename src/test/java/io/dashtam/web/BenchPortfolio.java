package io.dashtam.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A realistic portfolio for one user, written straight into the tables with set-based SQL (as
 * bench/transaction-search.sh seeds its rows): two connections with a sync history, four accounts (three USD, one
 * EUR, so the dashboard converts one), a daily balance per account over ten years, holdings, and
 * {@code transactions} transactions spread over the accounts and about five years, with a bank/brokerage-like
 * vocabulary (every tenth row mentions COFFEE; "zzqx" matches nothing).
 */
record BenchPortfolio(List<UUID> accounts, UUID brokerage) {

    static final int DAYS = 5 * 365 + 1;
    /** Ten years of daily balances: the dashboard's "all" range is a 10-year history. */
    static final int BALANCE_DAYS = 10 * 365 + 1;

    static BenchPortfolio seed(JdbcClient jdbc, UUID user, Instant now, int transactions) {
        UUID brokerConnection = UUID.randomUUID();
        UUID bankConnection = UUID.randomUUID();
        Timestamp created = Timestamp.from(now.minusSeconds(86_400L * BALANCE_DAYS));
        for (UUID c : List.of(brokerConnection, bankConnection)) {
            boolean broker = c.equals(brokerConnection);
            jdbc.sql("""
                    INSERT INTO provider_connections (id, user_id, provider_key, category, alias, status,
                        authorized_at, deadline, created_at, updated_at)
                    VALUES (:id, :u, :p, :cat, :alias, 'active', :created, :deadline, :created, :created)""")
                    .param("id", c).param("u", user).param("p", broker ? "schwab" : "simplefin")
                    .param("cat", broker ? "brokerage" : "bank").param("alias", broker ? "Brokerage" : "Bank")
                    .param("created", created).param("deadline", Timestamp.from(now.plusSeconds(86_400L * 5)))
                    .update();
            // A sync history: one run per day for the whole period, the newest first in the index.
            jdbc.sql("""
                    INSERT INTO sync_runs (id, connection_id, user_id, trigger, status, queued_at, started_at,
                        finished_at, accounts, added, updated)
                    SELECT gen_random_uuid(), :c, :u, 'scheduled', 'succeeded', t, t, t + interval '3 seconds', 2, 55, 3
                    FROM generate_series(1, CAST(:days AS int)) g,
                        LATERAL (SELECT CAST(:now AS timestamptz) - make_interval(days => g) AS t) d""")
                    .param("c", c).param("u", user).param("now", Timestamp.from(now)).param("days", DAYS).update();
        }
        List<UUID> accounts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String[][] shapes = {{"Individual", "MARGIN", "USD"}, {"Roth IRA", "CASH", "USD"},
                {"Checking", "CHECKING", "USD"}, {"Savings", "SAVINGS", "EUR"}};
        for (int i = 0; i < accounts.size(); i++) {
            jdbc.sql("""
                    INSERT INTO accounts (id, user_id, connection_id, provider_account_id, number_last4, name, type,
                        currency, created_at, updated_at)
                    VALUES (:id, :u, :c, :p, :last4, :name, :type, :cur, :created, :created)""")
                    .param("id", accounts.get(i)).param("u", user)
                    .param("c", i < 2 ? brokerConnection : bankConnection).param("p", "bench-" + i)
                    .param("last4", "10" + i + i).param("name", shapes[i][0]).param("type", shapes[i][1])
                    .param("cur", shapes[i][2]).param("created", created).update();
            jdbc.sql("""
                    INSERT INTO balance_snapshots (account_id, as_of_date, as_of, balance, cash, currency)
                    SELECT :a, t::date, t, round((CAST(:base AS int) + 20000 * sin(g / 90.0) - 3 * g)::numeric, 2),
                        round(CAST(:base AS int) / 10.0, 2), :cur
                    FROM generate_series(0, CAST(:days AS int) - 1) g,
                        LATERAL (SELECT CAST(:now AS timestamptz) - make_interval(days => g) AS t) d""")
                    .param("a", accounts.get(i)).param("now", Timestamp.from(now)).param("base", 50_000 * (i + 1))
                    .param("cur", shapes[i][2]).param("days", BALANCE_DAYS).update();
        }
        for (int i = 0; i < 2; i++) {
            jdbc.sql("""
                    INSERT INTO holdings (id, account_id, provider_holding_id, symbol, description, asset_type,
                        quantity, average_price, cost_basis, market_value, unrealized_pl, currency, updated_at)
                    SELECT gen_random_uuid(), :a, 'h' || g, 'SYM' || g, 'Holding number ' || g, 'EQUITY', 10 * g,
                        100 + g, (10 * g) * (100 + g), (10 * g) * (110 + g), (10 * g) * 10, 'USD',
                        CAST(:now AS timestamptz)
                    FROM generate_series(1, 20) g""")
                    .param("a", accounts.get(i)).param("now", Timestamp.from(now)).update();
        }
        // The transactions: about 26 minutes apart, so 100,000 of them reach back about five years.
        jdbc.sql("""
                INSERT INTO transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date, type,
                    status, description, symbol, quantity, price, amount, currency, created_at, updated_at)
                SELECT (ARRAY[:a0, :a1, :a2, :a3])[1 + g % 4], :u, 't' || g, t, t::date,
                    CASE WHEN g % 4 < 2 AND g % 7 = 0 THEN 'TRADE' ELSE 'JOURNAL' END,
                    CASE WHEN g < 40 AND g % 5 = 0 THEN 'PENDING' ELSE 'VALID' END,
                    (ARRAY['POS PURCHASE', 'ACH DEPOSIT', 'QUALIFIED DIVIDEND', 'BUY', 'SELL', 'CARD PAYMENT',
                           'TRANSFER TO', 'INTEREST', 'ATM WITHDRAWAL', 'DIRECT DEBIT'])[1 + g % 10] || ' '
                    || (ARRAY['GROCERY MART', 'COFFEE HOUSE', 'CITY TRANSIT', 'ONLINE STORE', 'PAYROLL ACME',
                              'ELECTRIC CO', 'PHARMACY', 'BOOKSHOP', 'FUEL STATION', 'RESTAURANT'])[1 + (g / 10) % 10]
                    || ' #' || (g % 9973),
                    CASE WHEN g % 4 < 2 AND g % 7 = 0
                        THEN (ARRAY['AAPL', 'MSFT', 'VTI', 'BND', 'NVDA', 'GOOG'])[1 + g % 6] END,
                    CASE WHEN g % 4 < 2 AND g % 7 = 0 THEN 3 END, CASE WHEN g % 4 < 2 AND g % 7 = 0 THEN 123.4567 END,
                    -(g % 1000) - 0.25, CASE WHEN g % 4 = 3 THEN 'EUR' ELSE 'USD' END, n, n
                FROM generate_series(1, CAST(:n AS int)) g, LATERAL (SELECT CAST(:now AS timestamptz) AS n,
                    CAST(:now AS timestamptz) - make_interval(mins => g * 26) AS t) d""")
                .param("a0", accounts.get(0)).param("a1", accounts.get(1)).param("a2", accounts.get(2))
                .param("a3", accounts.get(3)).param("u", user).param("now", Timestamp.from(now))
                .param("n", transactions).update();
        jdbc.sql("ANALYZE transactions").update();
        jdbc.sql("ANALYZE balance_snapshots").update();
        jdbc.sql("ANALYZE sync_runs").update();
        return new BenchPortfolio(accounts, accounts.get(0));
    }
}
