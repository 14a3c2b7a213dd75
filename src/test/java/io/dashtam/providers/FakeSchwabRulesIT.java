package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.Secret;
import io.dashtam.providers.authorization.OAuthTokenClient;
import io.dashtam.providers.authorization.TokenEndpointException;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestEnvironment;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fake enforces what Schwab enforces; each rule is shown to reject a client that breaks it, while our client
 * (OAuthTokenClient with the app's configuration) meets it.
 */
class FakeSchwabRulesIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    OAuthTokenClient tokenClient;
    @Autowired
    ProviderRegistry registry;

    OAuthClientSettings ours() {
        return registry.oauth("schwab").orElseThrow();
    }

    String base() {
        return "https://localhost:" + TestEnvironment.fakeSchwabPort();
    }

    /** A code the fake issued for our registered redirect URI, decoded once as it arrives at the callback. */
    String issueCode(String redirectUri) {
        var response = new Browser().get(base() + "/v1/oauth/authorize?client_id=" + FakeSchwab.CLIENT_ID
                + "&redirect_uri=" + redirectUri + "&response_type=code&state=s1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = Browser.location(response);
        String raw = location.replaceAll(".*[?&]code=([^&]*).*", "$1");
        assertThat(raw).endsWith("%40");
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    @Test
    void basicClientAuthenticationIsRequired() {
        var wrongSecret = new OAuthClientSettings("schwab", ours().authorizeUri(), ours().tokenUri(),
                ours().apiBaseUrl(), FakeSchwab.CLIENT_ID, new Secret("not-the-secret"), FakeSchwab.redirectUri(), false);
        String code = issueCode(FakeSchwab.redirectUri());
        assertThatThrownBy(() -> tokenClient.exchangeCode(wrongSecret, code, FakeSchwab.redirectUri(), null))
                .isInstanceOf(TokenEndpointException.class)
                .satisfies(e -> assertThat(((TokenEndpointException) e).kind())
                        .isEqualTo(TokenEndpointException.TokenFailure.INVALID_CLIENT));
        var noAuth = post("grant_type=authorization_code&code=x%40&redirect_uri=" + FakeSchwab.redirectUri(), null);
        assertThat(noAuth.statusCode()).isEqualTo(401);
        // Ours authenticates.
        assertThat(tokenClient.exchangeCode(ours(), code, FakeSchwab.redirectUri(), null).accessToken()).isNotNull();
    }

    @Test
    void redirectUriMustMatchExactlyTrailingSlashIncluded() {
        var withSlash = new Browser().get(base() + "/v1/oauth/authorize?client_id=" + FakeSchwab.CLIENT_ID
                + "&redirect_uri=" + FakeSchwab.redirectUri() + "/&response_type=code&state=s1");
        assertThat(withSlash.statusCode()).isEqualTo(400);
        String code = issueCode(FakeSchwab.redirectUri());
        assertThatThrownBy(() -> tokenClient.exchangeCode(ours(), code, FakeSchwab.redirectUri() + "/", null))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("invalid_grant");
        // Ours sends the registered one, byte for byte.
        assertThat(ours().redirectUri()).isEqualTo(FakeSchwab.redirectUri());
        String another = issueCode(FakeSchwab.redirectUri());
        assertThat(tokenClient.exchangeCode(ours(), another, ours().redirectUri(), null).accessToken()).isNotNull();
    }

    @Test
    void codesAreSingleUseAndMustBeSentDecodedExactlyOnce() {
        String code = issueCode(FakeSchwab.redirectUri());
        assertThat(code).endsWith("@");
        // Passing it on still encoded (%40 sent as %2540) is refused...
        String stillEncoded = code.replace("@", "%40");
        assertThatThrownBy(() -> tokenClient.exchangeCode(ours(), stillEncoded, FakeSchwab.redirectUri(), null))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("invalid_grant");
        // ...and so is one with the '@' lost.
        String truncated = code.substring(0, code.length() - 1);
        assertThatThrownBy(() -> tokenClient.exchangeCode(ours(), truncated, FakeSchwab.redirectUri(), null))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("invalid_grant");
        // The decoded code works once, never twice.
        String fresh = issueCode(FakeSchwab.redirectUri());
        assertThat(tokenClient.exchangeCode(ours(), fresh, FakeSchwab.redirectUri(), null).accessToken()).isNotNull();
        assertThatThrownBy(() -> tokenClient.exchangeCode(ours(), fresh, FakeSchwab.redirectUri(), null))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void accountPathsTakeTheHashValueNotThePlainNumber() throws Exception {
        String access = tokenClient.exchangeCode(ours(), issueCode(FakeSchwab.redirectUri()), FakeSchwab.redirectUri(),
                null).accessToken().value();
        HttpClient http = HttpClient.newBuilder()
                .sslContext(OutboundTls.sslContext(io.dashtam.testing.ProviderTestCa.instance().trustBundle())).build();
        var plain = http.send(HttpRequest.newBuilder(URI.create(base() + "/trader/v1/accounts/" + FakeSchwab.ACCOUNT_NUMBER))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("Invalid account number");
        var hashed = http.send(HttpRequest.newBuilder(URI.create(base() + "/trader/v1/accounts/" + FakeSchwab.HASH_VALUE))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hashed.statusCode()).isEqualTo(200);
        var noToken = http.send(HttpRequest.newBuilder(URI.create(base() + "/trader/v1/accounts/accountNumbers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void refreshTokensDieSevenDaysAfterAuthorizationAndRefreshingDoesNotExtendThem() {
        var first = tokenClient.exchangeCode(ours(), issueCode(FakeSchwab.redirectUri()), FakeSchwab.redirectUri(), null);
        clock.advance(Duration.ofDays(6));
        var refreshed = tokenClient.refresh(ours(), first.refreshToken());
        assertThat(refreshed.expiresInSeconds()).isEqualTo(1800);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThatThrownBy(() -> tokenClient.refresh(ours(), first.refreshToken()))
                .isInstanceOf(TokenEndpointException.class).hasMessageContaining("invalid_grant");
    }

    private HttpResponse<String> post(String form, String authorization) {
        try {
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(OutboundTls.sslContext(io.dashtam.testing.ProviderTestCa.instance().trustBundle())).build();
            var builder = HttpRequest.newBuilder(URI.create(base() + "/v1/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
