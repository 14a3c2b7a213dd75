package io.dashtam.simplefin;

import io.dashtam.core.Secret;
import io.dashtam.providers.ConnectKind;
import io.dashtam.providers.CredentialPolicy;
import io.dashtam.providers.ProviderAdapter;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderLimits;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.RateLimit;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SimpleFIN as a provider of the port: connected by pasting a setup token, which is claimed once for the access
 * URL that is then stored (sealed) as the connection's credential until the bridge revokes it.
 */
@Component
@Order(30)
class SimplefinProvider implements ProviderAdapter {

    /**
     * The Bridge is meant for daily updates, about 24 requests a day per access URL: that is the budget per
     * connection, spent before every request whether the sync was scheduled or manual (a manual sync over it is
     * refused with when the next fits). A sync costs one request (all accounts, pending included, over the whole
     * window; see {@link SimplefinFetch}), so a sync every 12 hours spends 2 of them; 1 a minute is the smallest
     * provider-wide budget the port can declare. The Bridge keeps about 90 days. SimpleFIN has no row cap; the cap
     * here is only a bound on one answer.
     */
    static final ProviderLimits LIMITS = new ProviderLimits(Duration.ofDays(90), 100_000, Duration.ofDays(90), 1,
            Duration.ofHours(12), new RateLimit(24, Duration.ofDays(1)));

    private static final List<String> FEATURES = List.of("accounts", "balances", "positions", "transactions");

    private final Clock clock;

    SimplefinProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String key() {
        return "simplefin";
    }

    @Override
    public String displayName() {
        return "SimpleFIN (banks and cards via a SimpleFIN bridge)";
    }

    @Override
    public String category() {
        return "bank";
    }

    @Override
    public ConnectKind connectKind() {
        return ConnectKind.PASTE;
    }

    @Override
    public List<String> features() {
        return FEATURES;
    }

    @Override
    public CredentialPolicy credentialPolicy() {
        return CredentialPolicy.untilRevoked();
    }

    @Override
    public ProviderLimits limits() {
        return LIMITS;
    }

    @Override
    public boolean configured() {
        return true;
    }

    /** Claims the setup token once; a refused claim says the token may have been used by someone else. */
    @Override
    public Secret claimPasted(Secret pasted, HttpClient http, Duration requestTimeout) {
        SimplefinSetupToken token;
        try {
            token = SimplefinSetupToken.parse(pasted.value());
        } catch (IllegalArgumentException e) {
            throw new ProviderCallException(ProviderCallException.Kind.REFUSED, "Not a SimpleFIN setup token: "
                    + e.getMessage(), null);
        }
        try {
            return new SimplefinClient(http, requestTimeout).claim(token).value();
        } catch (SimplefinException e) {
            throw calls(e, e.kind() == SimplefinException.SimplefinFailure.CLAIM_REFUSED
                    ? "This setup token was already claimed or is not known to the bridge: it may have been used by "
                            + "someone else. Disable it at your SimpleFIN bridge and create a new one."
                    : "Could not claim the setup token: " + e.getMessage());
        }
    }

    @Override
    public ProviderFetch open(ProviderSession session, Duration requestTimeout) {
        SimplefinAccessUrl access;
        try {
            access = SimplefinAccessUrl.of(session.accessToken().value());
        } catch (IllegalArgumentException e) {
            throw new ProviderCallException("the stored SimpleFIN access URL is unusable: " + e.getMessage());
        }
        return new SimplefinFetch(new SimplefinClient(session.httpClient(), requestTimeout), access, clock,
                LIMITS.maxBackfill(), session.requestBudget());
    }

    /** 403 on /accounts: access withdrawn at the bridge (revoked); 402: refused until paid (error). */
    static ProviderCallException calls(SimplefinException e, String message) {
        ProviderCallException.Kind kind = switch (e.kind()) {
            case CLAIM_REFUSED, PAYMENT_REQUIRED -> ProviderCallException.Kind.REFUSED;
            case ACCESS_REVOKED -> ProviderCallException.Kind.FORBIDDEN;
            case FAILED -> ProviderCallException.Kind.TRANSIENT;
        };
        return new ProviderCallException(kind, message, null);
    }
}
