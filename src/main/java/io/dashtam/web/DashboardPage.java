package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.portfolio.PortfolioService;
import io.dashtam.portfolio.Views;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Net worth now and over time (per currency), accounts with balances, connections with their last sync. */
@Controller
class DashboardPage {

    /** Chart ranges; "all" is the longest range the API serves. */
    static final Map<String, Integer> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("30d", 30);
        RANGES.put("1y", 365);
        RANGES.put("all", 3650);
    }

    private final PortfolioService portfolio;
    private final PageModel pages;
    private final Clock clock;

    DashboardPage(PortfolioService portfolio, PageModel pages, Clock clock) {
        this.portfolio = portfolio;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping({"/app", "/app/dashboard"})
    String dashboard(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(defaultValue = "30d") String range, Model model) {
        String chosen = RANGES.containsKey(range) ? range : "30d";
        pages.followEvents(me, model);
        LocalDate to = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Views.NetWorthHistory history = portfolio.netWorthHistory(me, to.minusDays(RANGES.get(chosen)), to);
        List<Chart> charts = history.series().stream().map(s -> Chart.of(s.currency(),
                s.points().stream().map(p -> new Chart.Value(p.date(), p.amount())).toList())).toList();
        model.addAttribute("netWorth", portfolio.netWorth(me));
        model.addAttribute("charts", charts);
        model.addAttribute("range", chosen);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("accounts", portfolio.accounts(me));
        model.addAttribute("connections", pages.connectionRows(me));
        return "web/dashboard";
    }
}
