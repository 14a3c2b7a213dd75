package io.dashtam.portfolio;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The payload of a {@code portfolio.updated} live event: which of the user's accounts changed and whether
 * balances (hence net worth) and holdings did, so a client re-reads only what it shows. Ids and flags only:
 * never an amount, an account number or anything of a statement file.
 */
public final class PortfolioUpdate {

    public static final String TYPE = "portfolio.updated";

    private PortfolioUpdate() {
    }

    /**
     * For stored batches (and accounts closed with them); empty when nothing a reader sees changed. For a batch
     * stored on a connection of its own, whose live event is stored through that connection (see
     * {@link io.dashtam.core.UserEvents}); everything else publishes {@link PortfolioUpdated}.
     */
    public static Optional<Map<String, Object>> of(UUID connectionId, Collection<BatchResult> results,
            Collection<UUID> closedAccounts) {
        return PortfolioUpdated.of(NOBODY, connectionId, results, closedAccounts).map(PortfolioUpdated::payload);
    }

    /** The payload names no user: whose stream it goes to is the publisher's to say. */
    private static final io.dashtam.core.UserId NOBODY = new io.dashtam.core.UserId(new UUID(0, 0));
}
