package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.UserId;
import io.dashtam.portfolio.PortfolioService;
import io.dashtam.testing.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no IT suffix): run by bench/web-render.sh (issue 13, "Figures"). One user with
 * BENCH_TRANSACTIONS (100,000) transactions, four accounts with five years of daily balances, holdings and two
 * connections with a sync history ({@link BenchPortfolio}), signed in through the real sign-in form (CSRF token,
 * session cookie). Then:
 * <ol>
 * <li>request time of the dashboard and transactions pages over HTTPS (HTTP/1.1 keep-alive, loopback): BENCH_RUNS
 * (5) runs of BENCH_REQUESTS (100) requests per page, pages interleaved run by run; p50 and p95 per run, medians
 * over the runs; baselines in the same runs: a static asset GET and {@code /health};</li>
 * <li>bytes per page: the HTML and every stylesheet, script and image it references, as served and gzip'd;</li>
 * <li>first load of the dashboard in headless Chromium (navigation start to the end of the load event, from the
 * Navigation Timing entry): BENCH_LOADS (7) fresh browsers, each with an empty cache, the session cookie of the
 * signed-in form session, and its connection opened by a {@code /health} navigation just before.</li>
 * </ol>
 * Output: bench/results/web-render-latest.txt.
 */
class WebRenderBenchmark extends IntegrationTest {

    private static final int TRANSACTIONS = env("BENCH_TRANSACTIONS", 100_000);
    private static final int RUNS = env("BENCH_RUNS", 5);
    private static final int REQUESTS = env("BENCH_REQUESTS", 100);
    private static final int LOADS = env("BENCH_LOADS", 7);
    private static final Pattern ROW = Pattern.compile("<tr data-id=");
    private static final Pattern REFERENCED = Pattern.compile(
            "<(?:link[^>]*\\shref|script[^>]*\\ssrc|img[^>]*\\ssrc)=\"([^\"]+)\"");

    private final List<String> report = new ArrayList<>();

    @Autowired
    PortfolioService reader;

    @Autowired
    PageModel pages;

    @Autowired
    io.dashtam.insight.Overview overview;

    @Autowired
    io.dashtam.markets.EcbRates rates;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void measure() throws Exception {
        report.add("# web render benchmark (issue 13), " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + Runtime.version() + ", load "
                + load());
        var caller = newUser();
        long seedStart = System.nanoTime();
        var portfolio = BenchPortfolio.seed(jdbc, UUID.fromString(caller.userId()), clock.instant(), TRANSACTIONS);
        long stored = jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = :u")
                .param("u", UUID.fromString(caller.userId())).query(Long.class).single();
        report.add(String.format("seeded in %.1f s: %,d transactions, 4 accounts with %,d daily balances each, "
                + "40 holdings, 2 connections with %,d sync runs each", (System.nanoTime() - seedStart) / 1e9,
                stored, BenchPortfolio.BALANCE_DAYS, BenchPortfolio.DAYS));
        // The dashboard shows the derived history in USD (the EUR account converted with the built-in ECB-format
        // rates, fetched as in dev).
        long deriveStart = System.nanoTime();
        io.dashtam.insight.HistoryDriver.deriveEveryAccount(context, caller.userId());
        rates.refresh();
        caller.client().put("/api/v1/users/me/settings", Map.of("baseCurrency", "USD"));
        report.add(String.format("history of the 4 accounts derived and rates fetched in %.1f s: %,d daily values",
                (System.nanoTime() - deriveStart) / 1e9, jdbc.sql("SELECT count(*) FROM account_daily_values WHERE "
                + "user_id = :u").param("u", UUID.fromString(caller.userId())).query(Long.class).single()));
        var page = PageSession.signIn(api(), caller.email());

        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("baseline: static asset GET /assets/dashtam.css", "/assets/dashtam.css");
        targets.put("baseline: GET /health", "/health");
        targets.put("dashboard (default range 30d)", "/app");
        targets.put("dashboard, range 1y", "/app?range=1y");
        targets.put("dashboard, range all (10 y)", "/app?range=all");
        targets.put("transactions, first page", "/app/transactions");
        targets.put("transactions, by account", "/app/transactions?account=" + portfolio.brokerage());
        targets.put("transactions, q=coffee (10% match)", "/app/transactions?q=coffee");
        targets.put("transactions, q=zzqx (no match)", "/app/transactions?q=zzqx");
        targets.put("transactions, account + q=coffee", "/app/transactions?account=" + portfolio.brokerage()
                + "&q=coffee");
        targets.put("transactions, page 2 (cursor)", "/app/transactions?cursor=" + nextCursor(page));
        check(page, targets);

        try (var recording = Profile.start()) {
            latency(page, targets);
        }
        queries(new AuthenticatedUser(UserId.of(caller.userId()), UUID.randomUUID(), Set.of("user")), portfolio);
        bytes(page, List.of("/app", "/app?range=all", "/app/transactions",
                "/app/transactions?account=" + portfolio.brokerage() + "&q=coffee"));
        new FirstLoad("https://localhost:" + port, page.sessionCookie(), report).measure(LOADS);

        report.add("load at the end: " + load());
        Path out = Path.of("bench", "results", "web-render-latest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        report.forEach(System.out::println);
    }

    /** Every page answers 200 with what it should show, so the timings are of real pages. */
    private static void check(PageSession page, Map<String, String> targets) {
        targets.forEach((name, path) -> {
            var response = page.get(path);
            if (response.status() != 200) {
                throw new AssertionError(name + ": " + response.status() + " " + response.body());
            }
            boolean ok = switch (path.replaceAll("\\?.*", "")) {
                case "/app" -> response.body().contains("<h1>Dashboard</h1>")
                        && response.body().contains("class=\"line-chart\"") && response.body().contains("Savings")
                        && response.body().contains("id=\"twr\"") && response.body().contains("By currency");
                case "/app/transactions" -> path.contains("zzqx") ? response.body().contains("No transactions match")
                        : ROW.matcher(response.body()).results().count() == AccountPages.PAGE;
                default -> true;
            };
            if (!ok) {
                throw new AssertionError(name + " does not show what it should: " + response.body());
            }
        });
    }

    private static String nextCursor(PageSession page) {
        var m = Pattern.compile("cursor=([A-Za-z0-9_-]+)").matcher(page.get("/app/transactions").body());
        if (!m.find()) {
            throw new AssertionError("no cursor on the first transactions page");
        }
        return m.group(1);
    }

    private void latency(PageSession page, Map<String, String> targets) {
        Map<String, List<Double>> p50 = new LinkedHashMap<>();
        Map<String, List<Double>> p95 = new LinkedHashMap<>();
        for (int run = 1; run <= RUNS; run++) {
            for (var target : targets.entrySet()) {
                for (int i = 0; i < 10; i++) {
                    page.get(target.getValue()); // warm-up
                }
                List<Double> millis = new ArrayList<>(REQUESTS);
                for (int i = 0; i < REQUESTS; i++) {
                    long start = System.nanoTime();
                    var response = page.get(target.getValue());
                    millis.add((System.nanoTime() - start) / 1e6);
                    if (response.status() != 200) {
                        throw new AssertionError(target.getKey() + ": " + response.status());
                    }
                }
                Collections.sort(millis);
                p50.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(rank(millis, 0.50));
                p95.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(rank(millis, 0.95));
            }
            report.add("run " + run + " done, load " + load());
        }
        double base = median(p50.values().iterator().next());
        report.add("");
        report.add(String.format("## Request time over HTTPS (HTTP/1.1 keep-alive, loopback), %d runs x %d requests "
                + "per page; medians over the runs of each run's p50 and p95", RUNS, REQUESTS));
        report.add("| page | p50 | p95 | p95 per run | p50 / static-asset p50 |");
        report.add("|---|---|---|---|---|");
        p50.forEach((name, values) -> report.add(String.format("| %s | %.1f ms | %.1f ms | %s | %.1f |", name,
                median(values), median(p95.get(name)), p95.get(name).stream().map(v -> String.format("%.1f", v))
                        .toList(), median(values) / base)));
    }

    /** Where a page's time goes: the reads it makes, called directly (no HTTP, no template), median of 50. */
    private void queries(AuthenticatedUser me, BenchPortfolio portfolio) {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, Supplier<Object>> reads = new LinkedHashMap<>();
        reads.put("accounts (both pages)", () -> reader.accounts(me));
        reads.put("net worth now", () -> reader.netWorth(me));
        for (var range : DashboardPage.RANGES.entrySet()) {
            reads.put("net-worth history " + range.getKey(),
                    () -> reader.netWorthHistory(me, today.minusDays(range.getValue()), today));
        }
        for (var range : DashboardPage.RANGES.entrySet()) {
            reads.put("dashboard insight " + range.getKey() + " (total, history, returns, allocation)",
                    () -> overview.dashboard(me, today.minusDays(range.getValue())));
        }
        reads.put("connections with their last sync (dashboard)", () -> pages.connectionRows(me));
        reads.put("transactions first page", () -> reader.transactions(me, new PortfolioService.TransactionFilter(
                null, null, null, null, null, null, null, AccountPages.PAGE, null)));
        reads.put("transactions account + q=coffee", () -> reader.transactions(me,
                new PortfolioService.TransactionFilter(portfolio.brokerage(), null, null, null, null, null, "coffee",
                        AccountPages.PAGE, null)));
        report.add("");
        report.add("## The pages' reads called directly (no HTTP, no template), median of 50 after 10 warm-up");
        report.add("| read | median |");
        report.add("|---|---|");
        reads.forEach((name, read) -> {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long start = System.nanoTime();
                read.get();
                if (i >= 10) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            report.add(String.format("| %s | %.2f ms |", name, median(millis)));
        });
    }

    /** The page's HTML and everything it references, as served (with Accept-Encoding) and as gzip would send it. */
    private void bytes(PageSession page, List<String> paths) throws Exception {
        report.add("");
        report.add("## Bytes per page (Accept-Encoding: gzip, deflate, br; gzip = java.util.zip level 6, for "
                + "comparison)");
        report.add("| page | HTML as served | HTML gzip | CSS+JS+images as served | CSS+JS+images gzip | total as "
                + "served | total gzip | referenced |");
        report.add("|---|---|---|---|---|---|---|---|");
        Set<String> assets = new LinkedHashSet<>();
        for (String path : paths) {
            Served html = fetch(page, path);
            long assetRaw = 0;
            long assetGzip = 0;
            List<String> referenced = new ArrayList<>();
            var m = REFERENCED.matcher(new String(html.body(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                Served asset = fetch(page, m.group(1));
                referenced.add(m.group(1) + " " + asset.body().length + " B" + asset.encoding());
                assetRaw += asset.body().length;
                assetGzip += gzip(asset.body());
                assets.add(m.group(1) + ": " + asset.body().length + " B as served" + asset.encoding() + ", "
                        + gzip(asset.body()) + " B gzip");
            }
            report.add(String.format("| %s | %,d B%s | %,d B | %,d B | %,d B | %,d B | %,d B | %s |", path,
                    html.body().length, html.encoding(), gzip(html.body()), assetRaw, assetGzip,
                    html.body().length + assetRaw, gzip(html.body()) + assetGzip, referenced));
        }
        report.add("assets: " + assets);
        Served favicon = fetch(page, "/favicon.ico");
        report.add("browsers also ask for /favicon.ico: " + favicon.status() + ", " + favicon.body().length
                + " B" + favicon.encoding());
    }

    private record Served(int status, byte[] body, String encoding) {
    }

    private Served fetch(PageSession page, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/html,*/*")
                .header("Accept-Encoding", "gzip, deflate, br").header("Cookie", page.sessionCookie()).GET().build();
        HttpResponse<byte[]> response = api().http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        String encoding = response.headers().firstValue("Content-Encoding").map(e -> " (" + e + ")").orElse("");
        return new Served(response.statusCode(), response.body(), encoding);
    }

    static int gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.size();
    }

    static double rank(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
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
