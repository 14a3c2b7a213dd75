package io.dashtam.providers.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(2));

    @Test
    void backoffDoublesWithJitterWithinHalfAndFullOfItsCeiling() {
        assertThat(policy.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, () -> 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        // Capped at maxBackoff however many failures, never zero.
        assertThat(policy.backoff(60, () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(60, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aRetryAfterIsHonouredUpToItsCapAndItsAbsenceMeansBackoff() {
        assertThat(policy.throttled(Duration.ofSeconds(7), 1, () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.throttled(Duration.ofHours(1), 1, () -> 0.0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.throttled(null, 2, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterHeadersAreReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(ProviderCallException.retryAfter("12", now)).isEqualTo(Duration.ofSeconds(12));
        assertThat(ProviderCallException.retryAfter("Mon, 02 Mar 2026 10:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderCallException.retryAfter("Mon, 02 Mar 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(ProviderCallException.retryAfter("soon", now)).isNull();
        assertThat(ProviderCallException.retryAfter(null, now)).isNull();
        assertThat(ProviderCallException.retryAfter("-5", now)).isNull();
    }

    @Test
    void statusesAreClassified() {
        assertThat(ProviderCallException.kindOf(429)).isEqualTo(ProviderCallException.Kind.RATE_LIMITED);
        assertThat(ProviderCallException.kindOf(401)).isEqualTo(ProviderCallException.Kind.UNAUTHORIZED);
        assertThat(ProviderCallException.kindOf(403)).isEqualTo(ProviderCallException.Kind.FORBIDDEN);
        assertThat(ProviderCallException.kindOf(503)).isEqualTo(ProviderCallException.Kind.TRANSIENT);
        assertThat(ProviderCallException.kindOf(408)).isEqualTo(ProviderCallException.Kind.TRANSIENT);
        assertThat(ProviderCallException.kindOf(400)).isEqualTo(ProviderCallException.Kind.FAILED);
    }

    @Test
    void nonsensePoliciesAndLimitsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 1,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(3), Duration.ofSeconds(2), 1,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
