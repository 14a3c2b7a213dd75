package io.dashtam.schwab;

import io.dashtam.providers.ProviderFetch.DailyClose;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Schwab's price history answer ({@code {symbol, empty, candles: [{close, datetime}]}}) as daily closes: each
 * candle's day is its start in New York; numbers read as decimals; a close at or below zero, a missing field or
 * another symbol fails the answer as malformed (nothing of it is stored). {@code empty: true}: no closes.
 */
final class PriceHistory {

    private static final ZoneId MARKET = ZoneId.of("America/New_York");

    private PriceHistory() {
    }

    static List<DailyClose> read(JsonNode body, String symbol) {
        if (body == null || !body.isObject()) {
            throw new TraderApiException("GET /pricehistory answered something that is not an object");
        }
        JsonNode empty = body.get("empty");
        JsonNode candles = body.get("candles");
        if (empty != null && empty.isBoolean() && empty.booleanValue() && (candles == null || candles.isEmpty())) {
            return List.of();
        }
        if (candles == null || !candles.isArray()) {
            throw new TraderApiException("GET /pricehistory answered without a candles array");
        }
        JsonNode named = body.get("symbol");
        if (named != null && named.isString() && !named.stringValue().equalsIgnoreCase(symbol)) {
            throw new TraderApiException("GET /pricehistory answered for another symbol");
        }
        TreeMap<LocalDate, BigDecimal> closes = new TreeMap<>();
        for (int i = 0; i < candles.size(); i++) {
            String path = "pricehistory.candles[" + i + "]";
            JsonNode candle = candles.get(i);
            BigDecimal close = TraderMapper.decimal(candle, "close", path, true);
            JsonNode time = candle.get("datetime");
            if (time == null || !time.isIntegralNumber()) {
                throw new TraderApiException("GET /pricehistory answered a candle without an integer datetime");
            }
            if (close.signum() <= 0) {
                throw new TraderApiException("GET /pricehistory answered a close at or below zero");
            }
            closes.put(Instant.ofEpochMilli(time.longValue()).atZone(MARKET).toLocalDate(), close);
        }
        List<DailyClose> out = new ArrayList<>(closes.size());
        closes.forEach((day, close) -> out.add(new DailyClose(day, close)));
        return out;
    }
}
