package io.dashtam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.PublicAddress;
import io.dashtam.providers.ConnectKind;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SandboxProviderTest {

    @Test
    void theSandboxFollowsTheAppsOwnPortAndRequiresPkce() {
        var env = new MockEnvironment().withProperty("local.server.port", "8443");
        var sandbox = new SandboxProvider(new SandboxProperties(true, "dashtam-sandbox", "s", null),
                new PublicAddress(env));
        var client = sandbox.oauthClient().orElseThrow();
        assertThat(client.apiBaseUrl().toString()).isEqualTo("https://localhost:8443/sandbox");
        assertThat(client.authorizeUri().toString()).isEqualTo("https://localhost:8443/sandbox/v1/oauth/authorize");
        assertThat(client.redirectUri()).isEqualTo("https://localhost:8443/oauth/sandbox/callback");
        assertThat(client.pkce()).isTrue();
        assertThat(sandbox.connectKind()).isEqualTo(ConnectKind.REDIRECT);
    }

    @Test
    void aPublicUrlAndARedirectUriAreTakenAsConfigured() {
        var sandbox = new SandboxProvider(new SandboxProperties(true, "c", "s", "https://127.0.0.1:8182"),
                new PublicAddress(new MockEnvironment().withProperty("dashtam.public-url", "https://dashtam.example.org/")));
        var client = sandbox.oauthClient().orElseThrow();
        assertThat(client.apiBaseUrl().toString()).isEqualTo("https://dashtam.example.org/sandbox");
        assertThat(client.redirectUri()).isEqualTo("https://127.0.0.1:8182");
    }
}
