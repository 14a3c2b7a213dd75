package io.dashtam.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's first load in headless Chromium (WebAppBrowserIT's browser: Debian's Chromium trusting the test
 * CA through NSS, no certificate errors ignored), for bench/web-render.sh. Each load is a fresh browser: empty
 * cache and profile; a {@code /health} navigation opens the TLS connection and the origin, the signed-in session's
 * cookie is set, then {@code /app} is loaded. Figures come from the page's own Navigation Timing entry
 * (startTime to loadEventEnd) and Resource Timing entries, read through plain WebDriver.
 */
final class FirstLoad {

    private static final String NAVIGATION = """
            const n = performance.getEntriesByType('navigation')[0];
            if (!n || n.loadEventEnd <= 0) { return null; }
            return {duration: n.loadEventEnd - n.startTime, ttfb: n.responseStart - n.startTime,
                dcl: n.domContentLoadedEventEnd - n.startTime, transfer: n.transferSize, body: n.decodedBodySize};""";
    private static final String RESOURCES = """
            return performance.getEntriesByType('resource').map(r => r.name.replace(location.origin, '') + ' '
                + r.initiatorType + ' ' + r.transferSize + ' B transferred, ' + r.decodedBodySize + ' B decoded, '
                + Math.round(r.duration) + ' ms').join('; ');""";

    private final String base;
    private final String sessionCookie;
    private final List<String> report;

    FirstLoad(String base, String sessionCookie, List<String> report) {
        this.base = base;
        this.sessionCookie = sessionCookie;
        this.report = report;
    }

    void measure(int loads) {
        List<Double> cold = new ArrayList<>();
        List<Double> ttfb = new ArrayList<>();
        List<Double> health = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> transferred = new ArrayList<>();
        String resources = "";
        for (int i = 0; i < loads; i++) {
            try (Chromium chromium = new Chromium()) {
                navigate(chromium, "/health");
                String[] cookie = sessionCookie.split("=", 2);
                chromium.driver.manage().addCookie(new Cookie.Builder(cookie[0], cookie[1]).path("/").isSecure(true)
                        .isHttpOnly(true).sameSite("Lax").build());
                Map<String, Object> dashboard = navigate(chromium, "/app");
                String title = chromium.driver.getTitle();
                if (!title.startsWith("Dashboard")) {
                    throw new AssertionError("not the signed-in dashboard: " + title);
                }
                cold.add(number(dashboard.get("duration")));
                ttfb.add(number(dashboard.get("ttfb")));
                @SuppressWarnings("unchecked")
                List<Object> sizes = (List<Object>) chromium.driver.executeScript("""
                        return [performance.getEntriesByType('navigation')[0].transferSize].concat(
                            performance.getEntriesByType('resource').map(r => r.transferSize));""");
                transferred.add(sizes.stream().mapToDouble(FirstLoad::number).sum());
                resources = String.valueOf(chromium.driver.executeScript(RESOURCES));
                if (i == 0) {
                    chromium.screenshot("bench-dashboard-first-load");
                }
                health.add(number(navigate(chromium, "/health").get("duration")));
                for (int k = 0; k < 3; k++) {
                    warm.add(number(navigate(chromium, "/app").get("duration")));
                }
            }
        }
        double h = WebRenderBenchmark.median(health);
        report.add("");
        report.add(String.format("## Dashboard first load in headless Chromium (navigation start to load event end), "
                + "%d fresh browsers, load %s", loads, WebRenderBenchmark.load()));
        report.add("| | median | runs |");
        report.add("|---|---|---|");
        report.add(row("dashboard, first load (empty cache, connection open)", cold, h));
        report.add(row("  of which to first byte (responseStart)", ttfb, h));
        report.add(row("dashboard, later loads (assets cached)", warm, h));
        report.add(row("baseline: /health navigation on the same connection", health, h));
        report.add(String.format("bytes the browser transferred for the first load (headers included): median %,.0f B",
                WebRenderBenchmark.median(transferred)));
        report.add("resources of the first load: " + resources);
    }

    private static String row(String name, List<Double> values, double baseline) {
        double median = WebRenderBenchmark.median(values);
        return String.format("| %s | %.0f ms (%.1fx /health) | %s |", name, median, median / baseline,
                values.stream().map(v -> String.format("%.0f", v)).toList());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> navigate(Chromium chromium, String path) {
        chromium.driver.get(base + path);
        return (Map<String, Object>) new WebDriverWait(chromium.driver, Duration.ofSeconds(60))
                .until(d -> chromium.driver.executeScript(NAVIGATION));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
