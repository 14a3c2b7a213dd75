package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.events.EventSubscriptions;
import io.dashtam.portfolio.PortfolioReader;
import io.dashtam.portfolio.Views;
import io.dashtam.providers.UserConnections;
import io.dashtam.sync.SyncRequests;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private final PortfolioReader portfolio;
    private final UserConnections connections;
    private final SyncRequests syncs;
    private final EventSubscriptions events;
    private final Clock clock;

    DashboardPage(PortfolioReader portfolio, UserConnections connections, SyncRequests syncs,
            EventSubscriptions events, Clock clock) {
        this.portfolio = portfolio;
        this.events = events;
        this.connections = connections;
        this.syncs = syncs;
        this.clock = clock;
    }

    record ConnectionRow(UserConnections.ConnectionSummary connection, SyncRequests.RunStatus lastSync) {
    }

    @GetMapping({"/app", "/app/dashboard"})
    String dashboard(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(defaultValue = "30d") String range, Model model) {
        String chosen = RANGES.containsKey(range) ? range : "30d";
        followEvents(me, model);
        LocalDate to = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Views.NetWorthHistory history = portfolio.netWorthHistory(me, to.minusDays(RANGES.get(chosen)), to);
        List<Chart> charts = history.series().stream().map(s -> Chart.of(s.currency(),
                s.points().stream().map(p -> new Chart.Value(p.date(), p.amount())).toList())).toList();
        model.addAttribute("netWorth", portfolio.netWorth(me));
        model.addAttribute("charts", charts);
        model.addAttribute("range", chosen);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("accounts", portfolio.accounts(me));
        model.addAttribute("connections", rows(me));
        return "web/dashboard";
    }

    /**
     * Where app.js's event stream starts: the newest event before this page read its state, so whatever changes
     * after the read reaches the page (at worst twice, which the page shows the same way).
     */
    void followEvents(AuthenticatedUser me, Model model) {
        model.addAttribute("eventsAfter", events.latest(me));
    }

    List<ConnectionRow> rows(AuthenticatedUser me) {
        return connections.list(me).stream().map(c -> new ConnectionRow(c,
                c.synced() ? syncs.latest(me, c.id()).orElse(null) : null)).toList();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw io.dashtam.core.ApiException.notFound("Page");
        }
    }
}
