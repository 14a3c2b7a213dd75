package io.dashtam.providers.authorization;

import io.dashtam.providers.TokenRefreshFailed;
import io.dashtam.providers.TokenRefreshed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code dashtam.token.refreshes} by provider and outcome, counted from the module's own refresh events. */
@Component
class GrantMetrics {

    private final MeterRegistry meters;

    GrantMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void refreshed(TokenRefreshed event) {
        refreshes(event.provider(), "success").increment();
    }

    @EventListener
    void failed(TokenRefreshFailed event) {
        refreshes(event.provider(), "failure").increment();
    }

    private Counter refreshes(String provider, String outcome) {
        return Counter.builder("dashtam.token.refreshes").description("Provider token refreshes by outcome")
                .tag("provider", provider).tag("outcome", outcome).register(meters);
    }
}
