package io.dashtam.insight;

import io.dashtam.markets.PricesChanged;
import io.dashtam.portfolio.PortfolioHistory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A user's own closes changed (an import, a manual price): the histories of their accounts are derived again, by
 * the worker (only the days whose figures change are written). Durable through the event publication registry.
 */
@Component
class PriceChanges {

    private final PortfolioHistory portfolio;

    PriceChanges(PortfolioHistory portfolio) {
        this.portfolio = portfolio;
    }

    @ApplicationModuleListener
    void on(PricesChanged changed) {
        portfolio.rederive(changed.userId());
    }
}
