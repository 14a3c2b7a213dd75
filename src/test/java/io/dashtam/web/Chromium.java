package io.dashtam.web;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.dashtam.testing.TestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium under plain WebDriver, trusting the test CA the way a user's browser would: through an
 * NSS database made with certutil in the browser's own temporary HOME (no --ignore-certificate-errors). Paths are
 * given explicitly, so Selenium Manager never goes to the network. Missing browser: the test is skipped with the
 * install command, unless DASHTAM_REQUIRE_BROWSER=true or -Ddashtam.browser.required=true makes that a failure.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("dashtam.browser.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("dashtam.browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    static final String INSTALL = "apt-get install -y chromium chromium-driver libnss3-tools";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path home;

    static void requireInstalled() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) && Files.isExecutable(CERTUTIL);
        if (present) {
            return;
        }
        String message = "Chromium, chromedriver or certutil is missing; install them with: " + INSTALL;
        if ("true".equalsIgnoreCase(System.getenv("DASHTAM_REQUIRE_BROWSER"))
                || Boolean.getBoolean("dashtam.browser.required")) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    Chromium() {
        requireInstalled();
        try {
            home = Files.createTempDirectory("dashtam-chromium-home");
            Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
            run(CERTUTIL.toString(), "-d", "sql:" + nss, "-N", "--empty-password");
            run(CERTUTIL.toString(), "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "dashtam-test", "-i",
                    TestTls.instance().material().caCertificate().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString())).build();
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + home.resolve("profile"), "--window-size=1440,1000");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1440, 1000));
    }

    /**
     * A phone's viewport as the page sees it: 390x844 CSS pixels, a mobile device (the viewport meta tag applies),
     * until {@link #noDeviceMetrics()}. The window stays as it is.
     */
    void phoneMetrics() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
    }

    void noDeviceMetrics() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** {@code prefers-color-scheme} as the page sees it ("light" or "dark"), until changed again. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves what the test just checked under target/screenshots/. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, not only the window: the window grows to the page's height for the shot, then back. */
    Path fullPage(String name) {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(height.intValue() + 40, 8000)));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** axe-core's serious and critical violations on the current page (WCAG 2 A/AA rules). */
    List<String> seriousViolations() {
        var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Chromium::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
