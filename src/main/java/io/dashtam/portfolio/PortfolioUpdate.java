package io.dashtam.portfolio;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** For stored batches (and accounts closed with them); empty when nothing a reader sees changed. */
    public static Optional<Map<String, Object>> of(UUID connectionId, Collection<BatchResult> results,
            Collection<UUID> closedAccounts) {
        List<UUID> accounts = new java.util.ArrayList<>(results.stream().filter(BatchResult::changed)
                .map(BatchResult::accountId).distinct().toList());
        closedAccounts.stream().filter(id -> !accounts.contains(id)).forEach(accounts::add);
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        boolean balances = results.stream().anyMatch(BatchResult::balanceChanged);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("connectionId", connectionId);
        payload.put("accounts", accounts);
        payload.put("balances", balances);
        payload.put("holdings", results.stream().anyMatch(BatchResult::holdingsChanged));
        payload.put("netWorth", balances || !closedAccounts.isEmpty());
        return Optional.of(payload);
    }
}
