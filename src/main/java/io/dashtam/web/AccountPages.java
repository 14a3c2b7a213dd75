package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.insight.Overview;
import io.dashtam.portfolio.PortfolioService;
import io.dashtam.portfolio.Views;
import io.dashtam.providers.ConnectionService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** One account (value history, returns, income by month, holdings, its transactions) and the filtered, cursor-paged transactions list. */
@Controller
class AccountPages {

    static final int PAGE = 50;

    private final PortfolioService portfolio;
    private final Overview overview;
    private final ConnectionService connections;
    private final Clock clock;

    AccountPages(PortfolioService portfolio, Overview overview, ConnectionService connections, Clock clock) {
        this.portfolio = portfolio;
        this.overview = overview;
        this.connections = connections;
        this.clock = clock;
    }

    /** Each account with the connection it comes from (by name). */
    @GetMapping("/app/accounts")
    String accounts(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("accounts", portfolio.accounts(me));
        model.addAttribute("connectionNames", connections.list(me).stream()
                .collect(Collectors.toMap(c -> c.id(), c -> c.alias(), (a, b) -> a)));
        return "web/accounts";
    }

    @GetMapping("/app/accounts/{id}")
    String account(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id, Model model) {
        UUID account = PageModel.uuid(id);
        Views.AccountView view = portfolio.account(me, account);
        LocalDate to = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Overview.AccountOverview insight = overview.account(me, account, to.minusDays(365));
        model.addAttribute("a", view);
        model.addAttribute("period", insight.period());
        model.addAttribute("chart", insight.period().series() == null ? Chart.of(view.currency(), List.of())
                : Chart.of(insight.period()));
        model.addAttribute("incomeByMonth", insight.incomeByMonth());
        model.addAttribute("holdings", portfolio.holdings(me, account, false));
        model.addAttribute("transactions", portfolio.transactions(me, new PortfolioService.TransactionFilter(account,
                null, null, null, null, null, null, 20, null)).items());
        return "web/account";
    }

    /** Filters as the API takes them; "newer" walks back through the cursors that led here (the trail). */
    @GetMapping("/app/transactions")
    String transactions(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) String account, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String type,
            @RequestParam(required = false) String symbol, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String trail,
            @RequestParam(required = false) String q, HttpServletResponse response, Model model) {
        var accounts = portfolio.accounts(me);
        model.addAttribute("accounts", accounts);
        // The account of each row, when the list is not one account's already.
        model.addAttribute("accountNames", blank(account) != null ? null : accounts.stream()
                .collect(Collectors.toMap(a -> a.id(), a -> a.name(), (a, b) -> a)));
        model.addAttribute("f", new Filters(blank(account), blank(from), blank(to), blank(type), blank(symbol),
                blank(status), blank(q)));
        try {
            UUID accountId = blank(account) == null ? null : PageModel.uuid(account);
            Views.TransactionSlice page = portfolio.transactions(me, new PortfolioService.TransactionFilter(accountId,
                    date("from", from), date("to", to), type, symbol, status, blank(q), PAGE, blank(cursor)));
            List<String> back = trail == null || trail.isBlank() ? new ArrayList<>()
                    : new ArrayList<>(Arrays.asList(trail.split("~", 50)));
            model.addAttribute("page", page);
            model.addAttribute("cursor", blank(cursor));
            model.addAttribute("olderTrail", String.join("~", with(back, cursor == null ? "" : cursor)));
            model.addAttribute("newerCursor", back.isEmpty() ? null : back.get(back.size() - 1));
            model.addAttribute("newerTrail", back.isEmpty() ? "" : String.join("~", back.subList(0, back.size() - 1)));
            model.addAttribute("hasNewer", cursor != null && !cursor.isBlank());
        } catch (NotFoundException e) {
            throw e;
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
        }
        return "web/transactions";
    }

    record Filters(String account, String from, String to, String type, String symbol, String status, String q) {
    }

    private static List<String> with(List<String> list, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.add(value);
        return copy;
    }

    private static LocalDate date(String field, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "must be a date like 2026-01-31");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
