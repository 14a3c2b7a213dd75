package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.providers.authorization.TokenMaintenance;
import io.dashtam.providers.connections.Connection;
import io.dashtam.testing.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Token maintenance meets a due token of a provider that is no longer configured (its credentials removed, the
 * sandbox switched off): it records a failure with a backoff and moves on, so the other due tokens (here a Schwab
 * one, against the fake Schwab) are still refreshed in the same pass, and the row is not claimed again until its
 * backoff passed.
 */
class UnconfiguredProviderRefreshIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    TokenMaintenance maintenance;
    @Autowired
    SeededConnections seeds;

    @Test
    void aTokenOfAnUnconfiguredProviderBacksOffAndTheOtherDueTokensAreStillRefreshed() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        // Due first (oldest), for a provider this instance no longer has configured.
        ConnectionId retired = seed(owner, "retired-provider", "R.retired-" + UUID.randomUUID(), now.minusSeconds(240));
        String refresh = schwab.grant(now.minus(Duration.ofHours(1)));
        ConnectionId schwabConnection = seed(owner, "schwab", refresh, now.minusSeconds(180));
        int tokenCalls = schwab.tokenCalls();

        // One claim each: the unconfigured one backs off, the Schwab one is refreshed.
        assertThat(maintenance.refreshDue()).isEqualTo(2);
        assertThat(schwab.refreshCallsFor(refresh)).isEqualTo(1);
        assertThat(schwab.tokenCalls() - tokenCalls).isEqualTo(1);
        assertThat(row(retired)).isEqualTo("1|provider is not configured");
        Instant retry = nextRefresh(retired);
        assertThat(Duration.between(now, retry)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(60));
        assertThat(status(retired)).isEqualTo("active");
        assertThat(status(schwabConnection)).isEqualTo("active");

        // Nothing is due now; after the backoff only the unconfigured one, with a longer backoff.
        assertThat(maintenance.refreshDue()).isZero();
        clock.advance(Duration.between(clock.instant(), retry).plusSeconds(1));
        assertThat(maintenance.refreshDue()).isEqualTo(1);
        assertThat(row(retired)).isEqualTo("2|provider is not configured");
        assertThat(Duration.between(clock.instant(), nextRefresh(retired))).isGreaterThan(Duration.ofSeconds(50));
        assertThat(schwab.tokenCalls() - tokenCalls).isEqualTo(1);
    }

    private ConnectionId seed(UserId owner, String provider, String refreshToken, Instant nextRefresh) {
        Instant authorized = nextRefresh.minus(Duration.ofHours(1));
        Connection active = seeds.active(owner, provider, authorized);
        seeds.storeTokens(active, refreshToken, nextRefresh.plus(Duration.ofMinutes(5)), authorized);
        return active.id();
    }

    private String row(ConnectionId id) {
        return jdbc.sql("SELECT refresh_failures || '|' || last_error FROM provider_tokens WHERE connection_id = :id")
                .param("id", id.value()).query(String.class).single();
    }

    private Instant nextRefresh(ConnectionId id) {
        return jdbc.sql("SELECT next_refresh_at FROM provider_tokens WHERE connection_id = :id")
                .param("id", id.value()).query(Timestamp.class).single().toInstant();
    }

    private String status(ConnectionId id) {
        return jdbc.sql("SELECT status FROM provider_connections WHERE id = :id").param("id", id.value())
                .query(String.class).single();
    }
}
