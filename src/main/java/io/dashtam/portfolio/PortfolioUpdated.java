package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored batches changed what a reader sees: which of the user's accounts, and whether balances (hence net worth)
 * and holdings did, so a client re-reads only what it shows. Ids and flags only: never an amount, an account
 * number or anything of a statement file.
 */
public record PortfolioUpdated(UserId userId, UUID connectionId, List<UUID> accounts, boolean balances,
        boolean holdings, boolean netWorth) {

    public PortfolioUpdated {
        Objects.requireNonNull(userId, "userId");
        accounts = List.copyOf(accounts);
    }

    /** For stored batches (and accounts closed with them); empty when nothing a reader sees changed. */
    public static Optional<PortfolioUpdated> of(UserId user, UUID connectionId, Collection<BatchResult> results,
            Collection<UUID> closedAccounts) {
        List<UUID> accounts = new ArrayList<>(results.stream().filter(BatchResult::changed)
                .map(BatchResult::accountId).distinct().toList());
        closedAccounts.stream().filter(id -> !accounts.contains(id)).forEach(accounts::add);
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        boolean balances = results.stream().anyMatch(BatchResult::balanceChanged);
        return Optional.of(new PortfolioUpdated(user, connectionId, accounts, balances,
                results.stream().anyMatch(BatchResult::holdingsChanged), balances || !closedAccounts.isEmpty()));
    }

    /** The live event's payload ({@value PortfolioUpdate#TYPE}). */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("connectionId", connectionId);
        payload.put("accounts", accounts);
        payload.put("balances", balances);
        payload.put("holdings", holdings);
        payload.put("netWorth", netWorth);
        return payload;
    }
}
