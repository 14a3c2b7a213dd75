package io.dashtam.providers;

import io.dashtam.core.Hashing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.AesGcm;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionStatus;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import io.dashtam.providers.authorization.CallbackResult;
import io.dashtam.providers.authorization.Grants;
import io.dashtam.providers.authorization.TokenCipher;
import io.dashtam.providers.authorization.TokenSet;

class ProvidersUnitTest {

    static final ProviderType SCHWAB = new ProviderType("schwab", "Schwab",
            "brokerage", "oauth2", List.of(), true);
    static final ProviderType FILE = new ProviderType("file", "File", "file",
            "none", List.of(), true);
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    static String key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void connectionLifecycleTransitionsAreGuarded() {
        Connection pending = Connection.create(UserId.random(), SCHWAB, "  IRA ", T0);
        assertThat(pending.status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(pending.alias()).isEqualTo("IRA");
        assertThat(pending.usableAt(T0)).isFalse();
        assertThatThrownBy(() -> pending.markReauthRequired(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pending.markExpired(T0, "x")).isInstanceOf(IllegalStateException.class);

        Connection active = pending.activated(T0, T0.plus(Duration.ofDays(7)));
        assertThat(active.usableAt(T0)).isTrue();
        Connection reauth = active.markReauthRequired(T0.plus(Duration.ofHours(156)));
        assertThat(reauth.statusReason()).contains(T0.plus(Duration.ofDays(7)).toString());
        assertThat(reauth.usableAt(T0.plus(Duration.ofDays(6).plusHours(23)))).isTrue();
        assertThat(reauth.usableAt(T0.plus(Duration.ofDays(7)))).isFalse();
        assertThatThrownBy(() -> reauth.markReauthRequired(T0)).isInstanceOf(IllegalStateException.class);
        Connection expired = reauth.markExpired(T0.plus(Duration.ofDays(7)), "expired: re-authorize");
        assertThat(expired.usableAt(T0)).isFalse();
        Connection revoked = expired.revoked(T0);
        assertThat(revoked.deadline()).isNull();
        assertThatThrownBy(() -> revoked.revoked(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pending.activated(T0, T0)).isInstanceOf(IllegalStateException.class);

        assertThat(Connection.create(UserId.random(), FILE, "csv", T0).status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThatThrownBy(() -> Connection.create(UserId.random(), FILE, " ", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreSealedUnderTheActiveKeyAndBoundToTheirConnection() {
        TokenCipher cipher = new TokenCipher("k1:" + key(1));
        ConnectionId a = ConnectionId.random();
        TokenSet set = new TokenSet(new Secret("access-123"), new Secret("refresh-456@"), null);
        AesGcm.Sealed sealed = cipher.seal(a, set);
        assertThat(sealed.keyId()).isEqualTo("k1");
        String raw = new String(sealed.sealed(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("access-123").doesNotContain("refresh-456");
        assertThat(cipher.open(a, sealed).refreshToken().value()).isEqualTo("refresh-456@");
        assertThatThrownBy(() -> cipher.open(ConnectionId.random(), sealed))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
        // After a rotation the old key still opens old rows; new rows use the new key.
        TokenCipher rotated = new TokenCipher("k2:" + key(2) + ",k1:" + key(1));
        assertThat(rotated.open(a, sealed).accessToken().value()).isEqualTo("access-123");
        assertThat(rotated.seal(a, set).keyId()).isEqualTo("k2");
        assertThat(set.toString()).doesNotContain("access-123");
    }

    @Test
    void pkceChallengeIsRfc7636S256() {
        // RFC 7636 appendix B
        assertThat(Hashing.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Hashing.random()).hasSize(43).isNotEqualTo(Hashing.random());
    }

    static ProvidersProperties properties() {
        return new ProvidersProperties(null, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMinutes(5), Duration.ofHours(156), 100,
                new ProvidersProperties.CallbackPort(true, "127.0.0.1", 8182), Duration.ofHours(24));
    }

    /** A provider as an adapter declares itself; only what the registry reads. */
    record Declared(String key, ConnectKind connectKind, boolean configured) implements ProviderAdapter {
        @Override
        public String displayName() {
            return key.toUpperCase();
        }

        @Override
        public String category() {
            return "bank";
        }

        @Override
        public List<String> features() {
            return List.of("accounts");
        }

        @Override
        public CredentialPolicy credentialPolicy() {
            return CredentialPolicy.untilRevoked();
        }

        @Override
        public ProviderLimits limits() {
            return new ProviderLimits(Duration.ofDays(90), 500, Duration.ofDays(90), 1, Duration.ofHours(6));
        }

        @Override
        public java.util.Optional<OAuthClientSettings> oauthClient() {
            return java.util.Optional.of(new OAuthClientSettings(key, java.net.URI.create("https://p.example/a"),
                    java.net.URI.create("https://p.example/t"), java.net.URI.create("https://p.example"), "id",
                    new Secret("s"), "https://127.0.0.1:8182/cb", false));
        }

        @Override
        public ProviderFetch open(ProviderSession session, Duration requestTimeout) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void registryListsEveryAdapterInOrderThenFileImportWithItsConnectKind() {
        var registry = new ProviderRegistry(properties(), List.of(new Declared("alpha", ConnectKind.REDIRECT, false),
                new Declared("beta", ConnectKind.PASTE, true)));
        assertThat(registry.all()).extracting(ProviderType::key).containsExactly("alpha", "beta",
                "file");
        assertThat(registry.all()).extracting(ProviderType::connectKind)
                .containsExactly("redirect", "paste", "upload");
        assertThat(registry.find("alpha").orElseThrow().configured()).isFalse();
        assertThat(registry.oauth("alpha")).as("not configured: no OAuth client").isEmpty();
        assertThat(registry.oauth("beta")).as("paste providers have no OAuth flow").isEmpty();
        assertThat(registry.oauth("file")).isEmpty();
        assertThat(registry.adapter("beta")).isPresent();
        assertThat(registry.adapter("nope")).isEmpty();
        assertThatThrownBy(() -> new ProviderRegistry(properties(), List.of(new Declared("alpha",
                ConnectKind.PASTE, true), new Declared("alpha", ConnectKind.PASTE, true))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ProviderRegistry(properties(), List.of(new Declared("file", ConnectKind.PASTE,
                true)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(Grants.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Grants.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Grants.backoff(50)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void resultPagesEscapeEverything() {
        String html = CallbackResult.badRequest("<script>alert(1)</script>").html("https://localhost:8000");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(CallbackResult.badGateway("x\"y").problemJson()).contains("\"status\":502").contains("x\\\"y");
    }
}
