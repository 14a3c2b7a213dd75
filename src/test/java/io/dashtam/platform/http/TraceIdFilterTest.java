package io.dashtam.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * An error raised in a filter goes on to the container, which logs it and then dispatches to /error: the log line
 * and the problem body written on that dispatch must carry the request's trace id, not a new one.
 */
class TraceIdFilterTest {

    private final TraceIdFilter filter = new TraceIdFilter();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aFailingRequestKeepsItsTraceIdForTheContainersLogLineAndTheErrorDispatch() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/connections");
        var response = new MockHttpServletResponse();
        AtomicReference<String> seenInChain = new AtomicReference<>();
        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
            seenInChain.set(MDC.get(TraceIdFilter.MDC_KEY));
            throw new IllegalStateException("boom in a filter");
        })).isInstanceOf(IllegalStateException.class);
        String traceId = response.getHeader(TraceIdFilter.HEADER);
        assertThat(traceId).matches("[0-9a-f]{32}").isEqualTo(seenInChain.get());
        // Still set while the container logs the failure on this thread.
        assertThat(MDC.get(TraceIdFilter.MDC_KEY)).isEqualTo(traceId);

        request.setDispatcherType(DispatcherType.ERROR);
        var errorResponse = new MockHttpServletResponse();
        AtomicReference<String> seenOnError = new AtomicReference<>();
        filter.doFilter(request, errorResponse, (req, res) -> seenOnError.set(MDC.get(TraceIdFilter.MDC_KEY)));
        assertThat(seenOnError.get()).isEqualTo(traceId);
        assertThat(errorResponse.getHeader(TraceIdFilter.HEADER)).isEqualTo(traceId);
        assertThat(MDC.get(TraceIdFilter.MDC_KEY)).as("cleared once the error dispatch is done").isNull();
    }

    @Test
    void aSuccessfulRequestClearsItsTraceIdAndTheNextGetsANewOne() throws Exception {
        var first = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/"), first, (req, res) -> { });
        assertThat(MDC.get(TraceIdFilter.MDC_KEY)).isNull();
        var second = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/"), second, (req, res) -> { });
        assertThat(second.getHeader(TraceIdFilter.HEADER)).isNotEqualTo(first.getHeader(TraceIdFilter.HEADER));
    }
}
