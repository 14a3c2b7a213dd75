package io.dashtam.markets;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST adapter over {@link Prices} and {@link ExchangeRates}: a user's own closes (CSV import, manual entry)
 * and manual exchange rates; each override the market's for that user only.
 */
@RestController
class MarketsController {

    private final Prices prices;
    private final ExchangeRates rates;

    MarketsController(Prices prices, ExchangeRates rates) {
        this.prices = prices;
        this.rates = rates;
    }

    record Imported(int imported) {
    }

    @PostMapping(value = "/api/v1/prices/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    Imported importPrices(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody String csv) {
        return new Imported(prices.importCsv(caller.id(), csv));
    }

    record CsvBody(String csv) {
    }

    /** The same import with the CSV text in JSON ({@code {"csv": "..."}}). */
    @PostMapping(value = "/api/v1/prices/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    Imported importPricesJson(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody CsvBody body) {
        return new Imported(prices.importCsv(caller.id(), body == null ? null : body.csv()));
    }

    record ManualPrice(String symbol, String date, String close, String currency) {
    }

    @PutMapping("/api/v1/prices")
    Map<String, String> setPrice(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody ManualPrice body) {
        prices.setManual(caller.id(), body.symbol(), date(body.date()), decimal(body.close(), "close"),
                body.currency() == null ? "USD" : body.currency());
        return Map.of("symbol", body.symbol().trim().toUpperCase(java.util.Locale.ROOT), "date", body.date());
    }

    record ManualRate(String base, String quote, String date, String rate) {
    }

    @PutMapping("/api/v1/rates")
    ManualRate setRate(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody ManualRate body) {
        rates.setManual(caller.id(), body.base(), body.quote(), date(body.date()), decimal(body.rate(), "rate"));
        return body;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date must be YYYY-MM-DD");
        }
    }

    private static BigDecimal decimal(String text, String name) {
        try {
            return new BigDecimal(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name + " must be a decimal number");
        }
    }
}
