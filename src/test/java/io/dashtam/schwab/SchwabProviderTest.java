package io.dashtam.schwab;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.providers.ConnectKind;
import io.dashtam.providers.CredentialPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchwabProviderTest {

    static SchwabProperties properties(String clientId) {
        return new SchwabProperties(clientId, clientId == null ? null : "secret", "https://127.0.0.1:8182",
                "https://api.schwabapi.com/v1/oauth/", "https://api.schwabapi.com", false);
    }

    @Test
    void schwabIsListedButNotConnectableWithoutClientCredentials() {
        var schwab = new SchwabProvider(properties(null));
        assertThat(schwab.configured()).isFalse();
        assertThat(schwab.oauthClient()).isEmpty();
    }

    @Test
    void schwabDeclaresItsOAuthEndpointsGrantAndLimits() {
        var schwab = new SchwabProvider(properties("client"));
        var client = schwab.oauthClient().orElseThrow();
        assertThat(client.authorizeUri().toString()).isEqualTo("https://api.schwabapi.com/v1/oauth/authorize");
        assertThat(client.tokenUri().toString()).isEqualTo("https://api.schwabapi.com/v1/oauth/token");
        assertThat(client.apiBaseUrl().toString()).isEqualTo("https://api.schwabapi.com");
        assertThat(client.redirectUri()).isEqualTo("https://127.0.0.1:8182");
        assertThat(client.pkce()).isFalse();
        assertThat(schwab.connectKind()).isEqualTo(ConnectKind.REDIRECT);
        assertThat(schwab.credentialPolicy()).isEqualTo(CredentialPolicy.oauthRefresh(Duration.ofDays(7)));
        assertThat(schwab.limits().maxRowsPerCall()).isEqualTo(3000);
        assertThat(schwab.limits().maxWindow()).isEqualTo(Duration.ofDays(365));
        assertThat(schwab.limits().requestsPerMinute()).isEqualTo(120);
    }
}
