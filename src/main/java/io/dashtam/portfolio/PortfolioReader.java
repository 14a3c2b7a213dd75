package io.dashtam.portfolio;

import io.dashtam.core.AuthenticatedUser;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The read API for the web app: the same controller methods the JSON API answers with (the same owner scoping,
 * range checks and 404s), so a page never shows what the API would not.
 */
@Service
public class PortfolioReader {

    private final PortfolioController api;

    PortfolioReader(PortfolioController api) {
        this.api = api;
    }

    public List<Views.AccountView> accounts(AuthenticatedUser caller) {
        return api.accounts(caller);
    }

    public Views.AccountView account(AuthenticatedUser caller, UUID id) {
        return api.account(caller, id);
    }

    public List<Views.BalancePoint> balances(AuthenticatedUser caller, UUID account, LocalDate from, LocalDate to) {
        return api.balances(caller, account, from, to);
    }

    public List<Views.HoldingView> holdings(AuthenticatedUser caller, UUID account) {
        return api.holdings(caller, account, false);
    }

    public Views.TransactionSlice transactions(AuthenticatedUser caller, UUID account, LocalDate from, LocalDate to,
            String type, String symbol, String status, int limit, String cursor) {
        return transactions(caller, account, from, to, type, symbol, status, null, limit, cursor);
    }

    /** With {@code text}: the API's {@code q}, a case-insensitive search of description and symbol. */
    public Views.TransactionSlice transactions(AuthenticatedUser caller, UUID account, LocalDate from, LocalDate to,
            String type, String symbol, String status, String text, int limit, String cursor) {
        return api.transactions(caller, account, from, to, type, symbol, status, limit, cursor, text);
    }

    public Views.NetWorth netWorth(AuthenticatedUser caller) {
        return api.netWorth(caller);
    }

    public Views.NetWorthHistory netWorthHistory(AuthenticatedUser caller, LocalDate from, LocalDate to) {
        return api.netWorthHistory(caller, from, to);
    }
}
