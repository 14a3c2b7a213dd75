package io.dashtam.portfolio;

import io.dashtam.core.AuthenticatedUser;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's accounts, balances, holdings, transactions and net worth. Another user's ids answer 404. */
@RestController
@RequestMapping("/api/v1")
class PortfolioController {

    private final PortfolioService portfolio;

    PortfolioController(PortfolioService portfolio) {
        this.portfolio = portfolio;
    }

    @GetMapping("/accounts")
    List<Views.AccountView> accounts(@AuthenticationPrincipal AuthenticatedUser caller) {
        return portfolio.accounts(caller);
    }

    @GetMapping("/accounts/{id}")
    Views.AccountView account(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return portfolio.account(caller, id);
    }

    @GetMapping("/accounts/{id}/balances")
    List<Views.BalancePoint> balances(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return portfolio.balances(caller, id, from, to);
    }

    @GetMapping("/holdings")
    List<Views.HoldingView> holdings(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) UUID accountId,
            @RequestParam(defaultValue = "false") boolean includeClosed) {
        return portfolio.holdings(caller, accountId, includeClosed);
    }

    @GetMapping("/transactions")
    Views.TransactionSlice transactions(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) UUID accountId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String type, @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String q) {
        return portfolio.transactions(caller, new PortfolioService.TransactionFilter(accountId, from, to, type,
                symbol, status, q, limit, cursor));
    }

    @GetMapping("/net-worth")
    Views.NetWorth netWorth(@AuthenticationPrincipal AuthenticatedUser caller) {
        return portfolio.netWorth(caller);
    }

    @GetMapping("/net-worth/history")
    Views.NetWorthHistory netWorthHistory(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return portfolio.netWorthHistory(caller, from, to);
    }
}
