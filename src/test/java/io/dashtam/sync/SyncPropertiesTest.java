package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A lease that a single slow provider request could outlast is refused at start-up. */
class SyncPropertiesTest {

    private static SyncProperties with(Duration lease, Duration requestTimeout) {
        return new SyncProperties(Duration.ofHours(6), Duration.ofSeconds(5), lease, Duration.ofDays(365),
                Duration.ofDays(3), Duration.ofDays(90), requestTimeout, 2, "test-instance");
    }

    @Test
    void aLeaseShorterThanTwoRequestTimeoutsIsRefused() {
        assertThatThrownBy(() -> with(Duration.ofSeconds(10), Duration.ofSeconds(30)))
                .hasMessageContaining("dashtam.sync.lease must be at least");
        assertThatThrownBy(() -> with(Duration.ofSeconds(59), Duration.ofSeconds(30)))
                .hasMessage("dashtam.sync.lease must be at least twice dashtam.sync.request-timeout (a slow provider "
                        + "call would outlast it and another instance would take a live run over)");
        assertThat(with(Duration.ofSeconds(60), Duration.ofSeconds(30)).lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(with(Duration.ofSeconds(20), Duration.ofSeconds(10)).lease()).isEqualTo(Duration.ofSeconds(20));
    }
}
