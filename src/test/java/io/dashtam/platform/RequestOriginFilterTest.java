package io.dashtam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestOriginFilterTest {

    private final RequestOriginFilter filter = new RequestOriginFilter(List.of("10.0.0.0/8", "::1"));

    @Test
    void ignoresForwardedForFromUntrustedPeers() {
        assertThat(filter.clientIp("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheRightMostUntrustedHopBehindTrustedProxies() {
        assertThat(filter.clientIp("10.1.2.3", "198.51.100.7, 10.0.0.5")).isEqualTo("198.51.100.7");
        assertThat(filter.clientIp("10.1.2.3", "6.6.6.6, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(filter.clientIp("::1", "198.51.100.8")).isEqualTo("198.51.100.8");
    }

    @Test
    void garbageInTheHeaderFallsBackToThePeer() {
        assertThat(filter.clientIp("10.1.2.3", "not-an-ip")).isEqualTo("10.1.2.3");
    }
}
