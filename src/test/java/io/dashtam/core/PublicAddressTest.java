package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicAddressTest {

    @Test
    void theConfiguredUrlWinsWithoutItsTrailingSlashes() {
        var env = new MockEnvironment().withProperty("dashtam.public-url", "https://dashtam.example.org//")
                .withProperty("local.server.port", "8443");
        assertThat(new PublicAddress(env).base()).isEqualTo("https://dashtam.example.org");
    }

    @Test
    void otherwiseLocalhostOnTheBoundPortThenTheConfiguredOne() {
        var env = new MockEnvironment().withProperty("dashtam.public-url", " ").withProperty("server.port", "9000");
        assertThat(new PublicAddress(env).base()).isEqualTo("https://localhost:9000");
        env.setProperty("local.server.port", "8443");
        assertThat(new PublicAddress(env).base()).isEqualTo("https://localhost:8443");
        assertThat(new PublicAddress(new MockEnvironment()).base()).isEqualTo("https://localhost:8000");
    }
}
