package io.dashtam.insight;

import io.dashtam.core.UserId;
import io.dashtam.markets.Prices;
import io.dashtam.portfolio.PortfolioHistory;
import io.dashtam.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no IT suffix): run by bench/derivation.sh (issue 27). One investment account with
 * BENCH_TRANSACTIONS (10,000) transactions over the last year (trades of BENCH_SYMBOLS (50) symbols, dividends,
 * deposits, withdrawals, journals), a holding of each symbol, today's balance, and a close per symbol and weekday
 * stored as market data (so no provider is asked). The background worker is stopped, then per run, interleaved:
 * <ol>
 * <li>baseline: reading the derivation's inputs only (the account's snapshots, transactions and holdings, and the
 * closes), what any derivation must do at least;</li>
 * <li>the first derivation (the account's stored history deleted first: every day written);</li>
 * <li>a re-derivation with nothing changed (every day compared, none written);</li>
 * <li>a re-derivation after a late transaction 100 days ago (the days before it rewritten);</li>
 * <li>the pure in-memory derivation of the same inputs (no database).</li>
 * </ol>
 * BENCH_RUNS (7) runs; medians and each run's figures. Output: bench/results/derivation-latest.txt.
 */
class DerivationBenchmark extends IntegrationTest {

    private static final int TRANSACTIONS = env("BENCH_TRANSACTIONS", 10_000);
    private static final int SYMBOLS = env("BENCH_SYMBOLS", 50);
    private static final int RUNS = env("BENCH_RUNS", 7);

    @Autowired
    HistoryDeriver deriver;

    @Autowired
    HistoryWorker worker;

    @Autowired
    PortfolioHistory portfolio;

    @Autowired
    Prices prices;

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws IOException {
        report.add("# history derivation benchmark (issue 27), " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + Runtime.version() + ", load "
                + load());
        worker.stop();
        var caller = newUser();
        UUID user = UUID.fromString(caller.userId());
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long seedStart = System.nanoTime();
        UUID account = seed(user, today);
        report.add(String.format("seeded in %.1f s: 1 account, %,d transactions over 365 days, %d symbols held, "
                + "%,d closes", (System.nanoTime() - seedStart) / 1e9, count("transactions", account), SYMBOLS,
                jdbc.sql("SELECT count(*) FROM symbol_prices WHERE symbol LIKE 'B%'").query(Long.class).single()));

        var first = deriver.derive(account).orElseThrow();
        var days = jdbc.sql("SELECT kind, count(*) FROM account_daily_values WHERE account_id = :a GROUP BY kind"
                + " ORDER BY kind").param("a", account).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2))
                .list();
        report.add("history: " + first.days() + " days (" + String.join(", ", days) + ")");
        if (first.days() < 366 || days.stream().anyMatch(d -> d.startsWith("carried"))) {
            throw new AssertionError("the benchmark's history is not a year of derived days: " + days);
        }

        Map<String, Supplier<Object>> steps = new LinkedHashMap<>();
        steps.put("baseline: read the inputs only (snapshots, transactions, holdings, closes)", () -> {
            var in = portfolio.inputs(account).orElseThrow();
            TreeSet<String> symbols = new TreeSet<>();
            in.holdings().forEach(h -> symbols.add(h.symbol()));
            return prices.closes(new UserId(user), symbols, today.minusDays(400), today);
        });
        steps.put("first derivation (history deleted: every day written)", () -> {
            jdbc.sql("DELETE FROM account_daily_values WHERE account_id = :a").param("a", account).update();
            return written(deriver.derive(account).orElseThrow(), 366);
        });
        steps.put("re-derivation, nothing changed (no day written)", () ->
                written(deriver.derive(account).orElseThrow(), 0));
        int[] late = {0};
        steps.put("re-derivation after a late transaction 100 days ago (the days before it rewritten)", () -> {
            late[0]++;
            jdbc.sql("""
                    INSERT INTO transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date,
                        type, status, amount, currency, created_at, updated_at)
                    VALUES (:a, :u, :id, :t, :d, 'ACH_RECEIPT', 'VALID', 100, 'USD', now(), now())""")
                    .param("a", account).param("u", user).param("id", "late-" + late[0])
                    .param("t", Timestamp.from(today.minusDays(100).atTime(12, 0).toInstant(ZoneOffset.UTC)))
                    .param("d", Date.valueOf(today.minusDays(100))).update();
            return written(deriver.derive(account).orElseThrow(), 100);
        });
        steps.put("pure derivation in memory (same inputs, no database)", () -> {
            var in = portfolio.inputs(account).orElseThrow();
            TreeSet<String> symbols = new TreeSet<>();
            in.holdings().forEach(h -> symbols.add(h.symbol()));
            var closes = Derivation.of(prices.closes(new UserId(user), symbols, today.minusDays(400), today));
            var input = HistoryDeriver.input(in, today);
            long start = System.nanoTime();
            var out = Derivation.derive(input, closes);
            return new long[] {System.nanoTime() - start, out.size()};
        });

        Map<String, List<Double>> millis = new LinkedHashMap<>();
        for (int run = 0; run < RUNS + 2; run++) {
            for (var step : steps.entrySet()) {
                long start = System.nanoTime();
                Object result = step.getValue().get();
                double ms = (System.nanoTime() - start) / 1e6;
                if (result instanceof long[] pure) {
                    ms = pure[0] / 1e6;
                }
                if (run >= 2) { // two warm-up runs
                    millis.computeIfAbsent(step.getKey(), k -> new ArrayList<>()).add(ms);
                }
            }
        }
        double base = median(millis.values().iterator().next());
        report.add("");
        report.add(String.format("## %d runs after 2 warm-up runs, steps interleaved; median and each run", RUNS));
        report.add("| step | median | / baseline | runs |");
        report.add("|---|---|---|---|");
        millis.forEach((name, values) -> report.add(String.format("| %s | %.1f ms | %.1f | %s |", name,
                median(values), median(values) / base, values.stream().map(v -> String.format("%.1f", v)).toList())));
        report.add("load at the end: " + load());
        worker.start();
        Path out = Path.of("bench", "results", "derivation-latest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        report.forEach(System.out::println);
    }

    private static HistoryDeriver.Result written(HistoryDeriver.Result r, int atLeast) {
        if (atLeast == 0 ? r.changed() != 0 : r.changed() < atLeast) {
            throw new AssertionError("expected " + (atLeast == 0 ? "no day" : "at least " + atLeast + " days")
                    + " written, got " + r);
        }
        return r;
    }

    private long count(String table, UUID account) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = :a").param("a", account)
                .query(Long.class).single();
    }

    /** The account and its market data, set-based; closes follow a wave per symbol, weekdays only. */
    private UUID seed(UUID user, LocalDate today) {
        UUID account = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO accounts (id, user_id, connection_id, provider_account_id, number_last4, name, type,
                    currency, created_at, updated_at)
                VALUES (:id, :u, :c, 'bench-derivation', '0001', 'Brokerage', 'MARGIN', 'USD', :now, :now)""")
                .param("id", account).param("u", user).param("c", UUID.randomUUID()).param("now", now).update();
        jdbc.sql("""
                INSERT INTO symbol_prices (symbol, day, close, currency, source, fetched_at)
                SELECT 'B' || lpad(s::text, 3, '0'), d::date,
                    round((50 + 2 * s + 10 * sin((d::date - DATE '2000-01-01') / (20.0 + s)))::numeric, 4), 'USD',
                    'sandbox', :now
                FROM generate_series(1, CAST(:n AS int)) s,
                    generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d
                WHERE extract(isodow FROM d) < 6
                ON CONFLICT DO NOTHING""")
                .param("n", SYMBOLS).param("from", Date.valueOf(today.minusDays(400)))
                .param("to", Date.valueOf(today)).param("now", now).update();
        // 10,000 transactions, newest first every ~53 minutes: 70% trades of 1-10 shares at about that day's close,
        // 10% dividends, 10% deposits and withdrawals, 10% journals.
        jdbc.sql("""
                INSERT INTO transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date, type,
                    status, description, symbol, quantity, price, amount, currency, created_at, updated_at)
                SELECT :a, :u, 'b' || g, t, t::date, kind, 'VALID', kind || ' ' || coalesce(sym, ''), sym,
                    CASE WHEN kind = 'TRADE' THEN qty END, CASE WHEN kind = 'TRADE' THEN 60 END,
                    CASE kind WHEN 'TRADE' THEN CASE WHEN g % 2 = 0 THEN -qty * 60 ELSE qty * 60 END
                        WHEN 'DIVIDEND_OR_INTEREST' THEN 12.34 WHEN 'ACH_RECEIPT' THEN 1000
                        WHEN 'ACH_DISBURSEMENT' THEN -400 ELSE 0.01 END,
                    'USD', :now, :now
                FROM generate_series(1, CAST(:n AS int)) g,
                    LATERAL (SELECT CAST(:now AS timestamptz) - make_interval(secs => g * (31536000.0 / :n)) AS t,
                        CASE WHEN g % 10 < 7 THEN 'TRADE' WHEN g % 10 = 7 THEN 'DIVIDEND_OR_INTEREST'
                            WHEN g % 10 = 8 THEN CASE WHEN g % 20 = 8 THEN 'ACH_RECEIPT' ELSE 'ACH_DISBURSEMENT' END
                            ELSE 'JOURNAL' END AS kind,
                        'B' || lpad((1 + g % CAST(:s AS int))::text, 3, '0') AS sym, 1 + g % 10 AS qty) x""")
                .param("a", account).param("u", user).param("now", now).param("n", TRANSACTIONS)
                .param("s", SYMBOLS).update();
        jdbc.sql("UPDATE transactions SET symbol = NULL WHERE account_id = :a AND type <> 'TRADE'")
                .param("a", account).update();
        jdbc.sql("""
                INSERT INTO holdings (id, account_id, provider_holding_id, symbol, description, asset_type, quantity,
                    market_value, currency, updated_at)
                SELECT gen_random_uuid(), :a, 'h' || s, 'B' || lpad(s::text, 3, '0'), 'Bench ' || s, 'EQUITY', 1000,
                    1000 * (SELECT close FROM symbol_prices p WHERE p.symbol = 'B' || lpad(s::text, 3, '0')
                        AND p.user_id IS NULL AND p.day <= :today ORDER BY day DESC LIMIT 1), 'USD', :now
                FROM generate_series(1, CAST(:n AS int)) s""")
                .param("a", account).param("n", SYMBOLS).param("today", Date.valueOf(today)).param("now", now)
                .update();
        jdbc.sql("""
                INSERT INTO balance_snapshots (account_id, as_of_date, as_of, balance, cash, currency)
                SELECT :a, :today, :now, 250000 + sum(market_value), 250000, 'USD' FROM holdings WHERE account_id = :a""")
                .param("a", account).param("today", Date.valueOf(today)).param("now", now).update();
        jdbc.sql("ANALYZE transactions").update();
        jdbc.sql("ANALYZE symbol_prices").update();
        return account;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int env(String name, int fallback) {
        return Integer.parseInt(System.getenv().getOrDefault(name, String.valueOf(fallback)));
    }
}
