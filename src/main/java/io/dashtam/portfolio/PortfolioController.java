package io.dashtam.portfolio;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's accounts, balances, holdings, transactions and net worth. Another user's ids answer 404. */
@RestController
@RequestMapping("/api/v1")
class PortfolioController {

    private static final long MAX_DAYS = 3660;

    private final PortfolioQueries queries;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    PortfolioController(PortfolioQueries queries, JdbcClient jdbc, Clock clock,
            PlatformTransactionManager transactions) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @GetMapping("/accounts")
    List<Views.AccountView> accounts(@AuthenticationPrincipal AuthenticatedUser caller) {
        return queries.accounts(caller.id());
    }

    @GetMapping("/accounts/{id}")
    Views.AccountView account(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return queries.account(caller.id(), id).orElseThrow(() -> ApiException.notFound("Account"));
    }

    @GetMapping("/accounts/{id}/balances")
    List<Views.BalancePoint> balances(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        account(caller, id);
        LocalDate end = to == null ? today() : TransactionQuery.checkedDate("to", to);
        return queries.balances(id, checkedFrom(from, end, 365), end);
    }

    @GetMapping("/holdings")
    List<Views.HoldingView> holdings(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) UUID accountId,
            @RequestParam(defaultValue = "false") boolean includeClosed) {
        if (accountId != null) {
            account(caller, accountId);
        }
        return queries.holdings(caller.id(), accountId, includeClosed);
    }

    @GetMapping("/transactions")
    Views.TransactionSlice transactions(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) UUID accountId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String type, @RequestParam(required = false) String symbol,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String q) {
        if (accountId != null) {
            account(caller, accountId);
        }
        return new TransactionQuery(caller.id(), accountId, from, to, blankToNull(type), blankToNull(symbol),
                blankToNull(status), blankToNull(q), limit, TransactionQuery.Cursor.parse(cursor)).run(jdbc, readOnly);
    }

    @GetMapping("/net-worth")
    Views.NetWorth netWorth(@AuthenticationPrincipal AuthenticatedUser caller) {
        return queries.netWorth(caller.id(), clock.instant());
    }

    @GetMapping("/net-worth/history")
    Views.NetWorthHistory netWorthHistory(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to == null ? today() : TransactionQuery.checkedDate("to", to);
        return queries.netWorthHistory(caller.id(), checkedFrom(from, end, 30), end);
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate checkedFrom(LocalDate from, LocalDate to, int defaultDays) {
        LocalDate start = from == null ? to.minusDays(defaultDays) : TransactionQuery.checkedDate("from", from);
        if (start.isAfter(to)) {
            throw ApiException.invalidField("from", "must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(start, to) > MAX_DAYS) {
            throw ApiException.invalidField("from", "range must not exceed " + MAX_DAYS + " days");
        }
        return start;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
