package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.insight.Overview;
import io.dashtam.portfolio.PortfolioService;
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

/**
 * Net worth now (per currency and in total in the base currency, each conversion with its rate), over time (the
 * derived daily history, each day's kind in the data table), the period's returns, the allocation by holding and by
 * currency, accounts with balances, connections with their last sync.
 */
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
    private final Overview overview;
    private final PageModel pages;
    private final Clock clock;

    DashboardPage(PortfolioService portfolio, Overview overview, PageModel pages, Clock clock) {
        this.portfolio = portfolio;
        this.overview = overview;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping({"/app", "/app/dashboard"})
    String dashboard(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(defaultValue = "30d") String range, Model model) {
        String chosen = RANGES.containsKey(range) ? range : "30d";
        pages.followEvents(me, model);
        LocalDate to = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Overview.Dashboard d = overview.dashboard(me, to.minusDays(RANGES.get(chosen)));
        model.addAttribute("total", d.total());
        model.addAttribute("period", d.period());
        model.addAttribute("charts", d.period().series() == null ? List.of() : List.of(Chart.of(d.period())));
        model.addAttribute("byHolding", Bars.of(d.allocation().currency(), d.allocation().byHolding()));
        model.addAttribute("byCurrency", Bars.of(d.allocation().currency(), d.allocation().byCurrency()));
        model.addAttribute("allocation", d.allocation());
        model.addAttribute("range", chosen);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("accounts", portfolio.accounts(me));
        model.addAttribute("connections", pages.connectionRows(me));
        model.addAttribute("sandboxOffered", pages.sandboxOffered());
        return "web/dashboard";
    }
}
