package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.providers.outbound.ProviderAdmissions;
import io.dashtam.providers.outbound.ProviderRateLimiter;
import io.dashtam.testing.ClockSleeper;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.ProviderTestCa;
import io.dashtam.testing.SwitchingDataSource;
import io.dashtam.testing.TestDatabases;
import io.dashtam.testing.TestEnvironment;
import io.dashtam.testing.TestTransactions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The shared request budget and the retry policy, against PostgreSQL, with one and with two instances. */
class ProviderRateLimiterIT extends IntegrationTest {

    @Autowired
    ProviderRateLimiter limiter;
    @Autowired
    ProviderCalls calls;

    private final List<Instant> admitted = Collections.synchronizedList(new ArrayList<>());
    private String provider;

    @BeforeEach
    void fresh() {
        provider = "p-" + UUID.randomUUID();
        ClockSleeper.INSTANCE.clear();
    }

    @Test
    void theBudgetIsASlidingWindowAndTheNextRequestWaitsForTheOldestToLeaveIt() {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(60));
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(provider, limit)).isZero();
        }
        Duration waited = limiter.acquire(provider, limit);
        assertThat(waited).isGreaterThan(Duration.ofSeconds(59)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void twoInstancesTogetherNeverExceedTheLimitInAnyWindow() throws Exception {
        RateLimit limit = new RateLimit(4, Duration.ofSeconds(10));
        try (HikariDataSource pool = TestDatabases.instance().pool(SwitchingDataSource.instance().current(), 4)) {
            var second = new ProviderRateLimiter(JdbcClient.create(pool), TestTransactions.proxied(
                    new ProviderAdmissions(JdbcClient.create(pool), clock), new DataSourceTransactionManager(pool)),
                    clock, ClockSleeper.INSTANCE);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (ProviderRateLimiter instance : List.of(limiter, second, limiter, second)) {
                    all.add(threads.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            instance.acquire(provider, limit);
                            admitted.add(clock.instant());
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }
        List<Instant> logged = jdbc.sql("SELECT admitted_at FROM provider_requests WHERE provider = :p ORDER BY 1")
                .param("p", provider).query(java.sql.Timestamp.class).list().stream()
                .map(java.sql.Timestamp::toInstant).toList();
        assertThat(admitted).hasSize(20);
        // Every admission is logged (none older than the window was pruned yet after the last one) or pruned;
        // whatever is logged, and all admissions by their log times, hold the limit in every 10 s window.
        for (int i = 0; i + limit.requests() < logged.size(); i++) {
            assertThat(Duration.between(logged.get(i), logged.get(i + limit.requests())))
                    .as("5 admissions within one window").isGreaterThanOrEqualTo(limit.per());
        }
        assertThat(ClockSleeper.INSTANCE.waits()).isNotEmpty();
    }

    @Test
    void aBudgetedClientCountsEveryHttpRequestAndSaysSoBeforeEach() throws Exception {
        FakeSchwab schwab = FakeSchwab.instance();
        schwab.reset();
        int before = schwab.traderCalls();
        List<String> heard = new ArrayList<>();
        HttpClient client = calls.budgeted(HttpClient.newBuilder()
                .sslContext(ProviderTestCa.instance().clientCertificates().sslContext()).build(), provider,
                new RateLimit(2, Duration.ofMinutes(1)), new ProviderCalls.WaitListener() {
                    @Override
                    public void waiting(String reason, Duration duration) {
                        heard.add("wait: " + reason);
                    }

                    @Override
                    public void sending() {
                        heard.add("send");
                    }
                });
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            var answer = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + TestEnvironment.fakeSchwabPort() + "/trader/v1/accounts/accountNumbers")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(401);
        }
        assertThat(schwab.traderCalls() - before).isEqualTo(3);
        assertThat(heard).containsExactly("send", "send", "wait: rate limit of " + provider
                + " (2 requests per PT1M)", "send");
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        // The first admission left the minute (and the log); the other two are in it.
        assertThat(jdbc.sql("SELECT count(*) FROM provider_requests WHERE provider = :p").param("p", provider)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void a503IsRetriedWithBackoffAndThenSucceeds() {
        AtomicInteger n = new AtomicInteger();
        String result = calls.call(provider, () -> {
            if (n.incrementAndGet() <= 2) {
                throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "GET /x answered HTTP 503");
            }
            return "ok";
        }, ProviderCalls.WaitListener.NONE);
        assertThat(result).isEqualTo("ok");
        assertThat(n).hasValue(3);
        assertThat(ClockSleeper.INSTANCE.waits()).hasSize(2);
    }

    @Test
    void transientFailuresGiveUpAfterTheBoundedAttemptsAndRefusalsAtOnce() {
        AtomicInteger n = new AtomicInteger();
        assertThatThrownBy(() -> calls.call(provider, () -> {
            n.incrementAndGet();
            throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "timed out");
        }, ProviderCalls.WaitListener.NONE)).hasMessage("timed out");
        assertThat(n).hasValue(4);
        AtomicInteger m = new AtomicInteger();
        assertThatThrownBy(() -> calls.call(provider, () -> {
            m.incrementAndGet();
            throw new ProviderCallException(ProviderCallException.Kind.FAILED, "answered HTTP 400");
        }, ProviderCalls.WaitListener.NONE)).hasMessage("answered HTTP 400");
        assertThat(m).hasValue(1);
    }

    @Test
    void a429PausesTheProviderForEveryInstanceForItsRetryAfter() {
        AtomicInteger n = new AtomicInteger();
        List<String> reported = new ArrayList<>();
        Instant start = clock.instant();
        String result = calls.call(provider, () -> {
            if (n.incrementAndGet() == 1) {
                throw new ProviderCallException(ProviderCallException.Kind.RATE_LIMITED, "answered HTTP 429",
                        Duration.ofSeconds(7));
            }
            return "ok";
        }, (reason, d) -> reported.add(reason + " " + d));
        assertThat(result).isEqualTo("ok");
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(reported).anyMatch(r -> r.contains("HTTP 429") && r.contains("Retry-After 7 s"));
        assertThat(jdbc.sql("SELECT paused_until FROM provider_rate_limits WHERE provider = :p").param("p", provider)
                .query(java.sql.Timestamp.class).single().toInstant()).isAfterOrEqualTo(start.plusSeconds(7));
    }
}
