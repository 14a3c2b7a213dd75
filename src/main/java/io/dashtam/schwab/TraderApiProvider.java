package io.dashtam.schwab;

import io.dashtam.providers.ConnectKind;
import io.dashtam.providers.CredentialPolicy;
import io.dashtam.providers.ProviderAdapter;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderLimits;
import io.dashtam.providers.ProviderSession;
import java.time.Duration;
import java.util.List;

/**
 * A provider speaking Schwab's protocols: OAuth2 authorization code (HTTP Basic client authentication, codes
 * ending in {@code @}, a grant that ends 7 days after the authorization) and the Trader API. Schwab itself and
 * the sandbox brokerage (which imitates it) are the two; each says where its endpoints are.
 */
public abstract class TraderApiProvider implements ProviderAdapter {

    /**
     * The Trader API's limits: transaction windows of at most a year (90 days keeps answers small), 3,000 rows
     * per call, a year of history, about 120 data requests a minute per app; a sync every 6 hours.
     */
    public static final ProviderLimits LIMITS = new ProviderLimits(Duration.ofDays(365), 3000, Duration.ofDays(366),
            120, Duration.ofHours(6));

    /** Schwab's refresh token dies 7 days after the authorization, whatever the refreshes. */
    public static final Duration GRANT_LIFETIME = Duration.ofDays(7);

    private static final List<String> FEATURES = List.of("accounts", "balances", "positions", "transactions");

    @Override
    public final String category() {
        return "brokerage";
    }

    @Override
    public final ConnectKind connectKind() {
        return ConnectKind.REDIRECT;
    }

    @Override
    public final List<String> features() {
        return FEATURES;
    }

    @Override
    public final CredentialPolicy credentialPolicy() {
        return CredentialPolicy.oauthRefresh(GRANT_LIFETIME);
    }

    @Override
    public final ProviderLimits limits() {
        return LIMITS;
    }

    @Override
    public final ProviderFetch open(ProviderSession session, Duration requestTimeout) {
        return new TraderFetch(new TraderClient(session, requestTimeout), LIMITS.maxRowsPerCall());
    }
}
