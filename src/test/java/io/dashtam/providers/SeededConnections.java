package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.StoredTokens;
import io.dashtam.providers.authorization.TokenCipher;
import io.dashtam.providers.authorization.TokenSet;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.Connections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Test-only (scanned into the shared IT context): OAuth connections written straight into the tables as if
 * authorized earlier, and their sealed tokens, for the tests of what happens to them later (refresh, deadlines).
 */
@Component
class SeededConnections {

    private final Connections connections;
    private final ProviderTokens tokens;
    private final TokenCipher cipher;

    SeededConnections(Connections connections, ProviderTokens tokens, TokenCipher cipher) {
        this.connections = connections;
        this.tokens = tokens;
        this.cipher = cipher;
    }

    /** An active connection of {@code provider} authorized at {@code authorizedAt}; its grant ends 7 days later. */
    Connection active(UserId owner, String provider, Instant authorizedAt) {
        var type = new ProviderType(provider, provider, "brokerage", "oauth2", List.of(), true);
        Connection active = Connection.create(owner, type, "c-" + UUID.randomUUID(), authorizedAt)
                .activated(authorizedAt, authorizedAt.plus(Duration.ofDays(7)));
        assertThat(connections.insert(active)).isTrue();
        return active;
    }

    /**
     * Stores {@code connection}'s tokens, sealed, as of {@code storedAt}: {@code refreshToken} and an access token
     * expiring at {@code accessExpires}, due for refresh 5 minutes before that.
     */
    void storeTokens(Connection connection, String refreshToken, Instant accessExpires, Instant storedAt) {
        var sealed = cipher.seal(connection.id(), new TokenSet(new Secret("A.seeded-" + UUID.randomUUID()),
                new Secret(refreshToken), null));
        tokens.put(new StoredTokens(connection.id(), sealed, "Bearer", "api", accessExpires, connection.deadline(),
                accessExpires.minus(Duration.ofMinutes(5)), 0, null, null), storedAt);
    }
}
