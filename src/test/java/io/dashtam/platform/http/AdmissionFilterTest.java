package io.dashtam.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.platform.database.ConnectionShares;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionFilterTest {

    private final AdmissionFilter filter = new AdmissionFilter(1, Duration.ZERO,
            new ServerBusy(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceWith503ProblemAndRetryAfter() throws Exception {
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var busy = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/accounts"), new MockHttpServletResponse(),
                        (req, res) -> {
                            inside.countDown();
                            await(release);
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        var refused = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/transactions"), refused, chain);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("\"status\":503").contains("\"type\":\"/problems/server-busy\"")
                .doesNotContain("Exception");

        var page = new MockHttpServletResponse();
        var pageRequest = new MockHttpServletRequest("GET", "/app/transactions");
        pageRequest.addHeader("Accept", "text/html,application/xhtml+xml");
        filter.doFilter(pageRequest, page, new MockFilterChain());
        assertThat(page.getStatus()).as("a page route is admitted too").isEqualTo(503);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString()).contains("Busy right now");
        assertThat(chain.getRequest()).as("the refused request did no work").isNull();

        var health = new MockHttpServletResponse();
        boolean[] marked = {false};
        filter.doFilter(new MockHttpServletRequest("GET", "/health"), health,
                (req, res) -> marked[0] = ConnectionShares.inRequest());
        assertThat(marked[0]).as("probes are never refused, and run as request work").isTrue();
        assertThat(ConnectionShares.inRequest()).isFalse();

        release.countDown();
        busy.get(10, TimeUnit.SECONDS);
        assertThat(filter.available()).as("the permit came back").isEqualTo(1);
        var next = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/accounts"), new MockHttpServletResponse(), next);
        assertThat(next.getRequest()).isNotNull();
        assertThat(filter.available()).isEqualTo(1);
    }

    @Test
    void aFailingRequestGivesItsPermitBack() {
        var failing = new RuntimeException("boom");
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/x"),
                new MockHttpServletResponse(), (req, res) -> {
                    throw failing;
                })).isSameAs(failing);
        assertThat(filter.available()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
