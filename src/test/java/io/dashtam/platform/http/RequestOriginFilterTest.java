package io.dashtam.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.platform.runtime.ConfigurationProblem;
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

    @Test
    void badTrustedProxiesStopStartUpNamingTheSetting() {
        for (String bad : List.of("10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/x", "proxy.example.org",
                "10.0.0.0/8/8", "1.2.3.4.5")) {
            assertThatThrownBy(() -> new RequestOriginFilter(List.of(bad))).as(bad)
                    .isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("DASHTAM_TRUSTED_PROXIES: ")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void cidrsMatchByPrefix() {
        var filter = new RequestOriginFilter(List.of(" 192.168.4.0/22 ", "", "2001:db8::/32"));
        assertThat(filter.clientIp("192.168.7.255", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(filter.clientIp("192.168.8.1", "198.51.100.1")).isEqualTo("192.168.8.1");
        assertThat(filter.clientIp("2001:db8:ffff::1", "198.51.100.2")).isEqualTo("198.51.100.2");
        assertThat(filter.clientIp("10.1.2.3", ":::::")).isEqualTo("10.1.2.3");
    }
}
