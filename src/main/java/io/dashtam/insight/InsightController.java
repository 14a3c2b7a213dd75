package io.dashtam.insight;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST adapter over {@link Performance}: {@code GET /api/v1/performance} (returns of a period),
 * {@code GET /api/v1/history} (daily totals, each day marked derived or carried), both in the user's base currency
 * ({@code baseCurrency} in {@code /api/v1/users/me/settings}).
 */
@RestController
class InsightController {

    private final Performance performance;

    InsightController(Performance performance) {
        this.performance = performance;
    }

    @GetMapping("/api/v1/performance")
    Performance.Result performance(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String accountId) {
        return performance.performance(caller, date("from", from), date("to", to), uuid(accountId));
    }

    record HistoryView(String currency, LocalDate from, LocalDate to, List<Point> points, java.util.Set<String>
            missingSymbols, List<Performance.RateUsed> rates) {
    }

    /** {@code kind}: reported (every account's stored balance), derived, or carried (a price was missing). */
    record Point(LocalDate date, String value, String kind) {
    }

    @GetMapping("/api/v1/history")
    HistoryView history(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String accountId) {
        LocalDate end = date("to", to) == null ? performance.today() : date("to", to);
        LocalDate start = date("from", from) == null ? end.minusYears(1) : date("from", from);
        if (start.isAfter(end)) {
            throw new RefusedException("from must not be after to");
        }
        if (start.isBefore(end.minusYears(20))) {
            throw new RefusedException("the period must not exceed 20 years");
        }
        var s = performance.series(caller, start, end, uuid(accountId));
        return new HistoryView(s.currency(), start, end, s.days().stream().map(d -> new Point(d.date(),
                d.value().toPlainString(), d.carried() ? "carried" : d.derived() ? "derived" : "reported")).toList(),
                s.missingSymbols(), s.rates());
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.getYear() < 1900 || d.getYear() > 9999) {
                throw new RefusedException(name + " is out of range");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new RefusedException(name + " must be a date (YYYY-MM-DD)");
        }
    }

    private static UUID uuid(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Account");
        }
    }
}
