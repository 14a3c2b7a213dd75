package io.dashtam.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's market data: Schwab's {@code GET /marketdata/v1/pricehistory} for the sandbox's symbols, daily
 * candles on weekdays, deterministic (a drift and two waves around today's price, which the last candle equals,
 * so derived history meets the reported balance); the money-market fund stays at 1.00. Unknown symbols answer
 * {@code empty: true} as Schwab does.
 */
@RestController
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxMarketData {

    static final ZoneId MARKET = ZoneId.of("America/New_York");

    private final SandboxAccess access;
    private final java.time.Clock clock;

    SandboxMarketData(SandboxAccess access, java.time.Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/sandbox/marketdata/v1/pricehistory")
    ResponseEntity<Object> priceHistory(
            @RequestAttribute(name = SandboxBearerFilter.ATTRIBUTE, required = false) String auth,
            @RequestParam(required = false) String symbol, @RequestParam(required = false) String periodType,
            @RequestParam(required = false) String frequencyType, @RequestParam(required = false) Long startDate,
            @RequestParam(required = false) Long endDate) {
        return access.authorized(auth, () -> {
            if (symbol == null || symbol.isBlank()) {
                throw new SandboxAccess.SchwabError(400, "symbol is required");
            }
            if (frequencyType != null && !frequencyType.equals("daily") || periodType != null
                    && !List.of("month", "year", "ytd").contains(periodType)) {
                throw new SandboxAccess.SchwabError(400, "Invalid periodType/frequencyType combination");
            }
            LocalDate today = clock.instant().atZone(MARKET).toLocalDate();
            LocalDate to = endDate == null ? today : Instant.ofEpochMilli(endDate).atZone(MARKET).toLocalDate();
            LocalDate from = startDate == null ? to.minusYears(1)
                    : Instant.ofEpochMilli(startDate).atZone(MARKET).toLocalDate();
            List<Object> candles = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to) && !day.isAfter(today); day = day.plusDays(1)) {
                LocalDate d = day;
                close(symbol, d, today).ifPresent(c -> {
                    Map<String, Object> candle = new LinkedHashMap<>();
                    candle.put("open", c);
                    candle.put("high", c);
                    candle.put("low", c);
                    candle.put("close", c);
                    candle.put("volume", 1000);
                    candle.put("datetime", d.atStartOfDay(MARKET).toInstant().toEpochMilli());
                    candles.add(candle);
                });
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("symbol", symbol);
            body.put("empty", candles.isEmpty());
            body.put("candles", candles);
            return body;
        });
    }

    /** The sandbox's close of {@code symbol} on a weekday at or before today; empty for others. */
    static Optional<BigDecimal> close(String symbol, LocalDate day, LocalDate today) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.empty();
        }
        return SandboxData.ACCOUNTS.stream().flatMap(a -> a.holdings().stream())
                .filter(h -> h.symbol().equals(symbol)).findFirst().map(h -> {
                    if (h.assetType().equals("MUTUAL_FUND")) {
                        return h.price();
                    }
                    long ago = today.toEpochDay() - day.toEpochDay();
                    double wave = 0.04 * StrictMath.sin(2 * StrictMath.PI * ago / 45.0)
                            + 0.03 * StrictMath.sin(2 * StrictMath.PI * ago / 130.0);
                    double factor = 1 - 0.18 * ago / 365.0 + wave;
                    return h.price().multiply(BigDecimal.valueOf(Math.max(factor, 0.05)))
                            .setScale(2, RoundingMode.HALF_UP);
                });
    }
}
