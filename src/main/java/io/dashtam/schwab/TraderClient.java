package io.dashtam.schwab;

import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Schwab trader API (and the sandbox brokerage, which speaks it) for one authorized session. Numbers are read
 * straight into BigDecimal; a failed call names the endpoint and status, never the token.
 */
final class TraderClient {

    /** Schwab's schema says double; parsing as BigDecimal keeps cents exact. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** Every transaction type, as the endpoint requires {@code types}. */
    static final String ALL_TYPES = "TRADE,RECEIVE_AND_DELIVER,DIVIDEND_OR_INTEREST,ACH_RECEIPT,ACH_DISBURSEMENT,"
            + "CASH_RECEIPT,CASH_DISBURSEMENT,ELECTRONIC_FUND,WIRE_OUT,WIRE_IN,JOURNAL,MEMORANDUM,MARGIN_CALL,"
            + "MONEY_MARKET,SMA_ADJUSTMENT";

    /** ISO-8601 with milliseconds and Z, the only form the endpoint accepts. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ProviderSession session;
    private final String base;
    private final String marketData;
    private final Duration timeout;

    TraderClient(ProviderSession session, Duration timeout) {
        this.session = session;
        String url = session.apiBaseUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/trader/v1";
        this.marketData = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/marketdata/v1";
        this.timeout = timeout;
    }

    JsonNode accountNumbers() {
        return get("/accounts/accountNumbers", "/accounts/accountNumbers");
    }

    JsonNode accountsWithPositions() {
        return get("/accounts?fields=positions", "/accounts");
    }

    /** One window of transactions, handed to {@code read} as a token stream (answers run to thousands of rows). */
    <T> T transactions(String accountHash, Instant start, Instant end, Function<JsonParser, T> read) {
        String name = "/accounts/{hash}/transactions";
        byte[] body = body("/accounts/" + encode(accountHash) + "/transactions?startDate="
                + encode(DATE.format(start)) + "&endDate=" + encode(DATE.format(end)) + "&types="
                + encode(ALL_TYPES), name);
        try (JsonParser parser = JSON.createParser(body)) {
            return read.apply(parser);
        } catch (JacksonException e) {
            throw new TraderApiException("GET " + name + " answered malformed JSON");
        }
    }

    /** Daily candles of one symbol over [from, to] (market days in New York), from the market data API. */
    JsonNode priceHistory(String symbol, java.time.LocalDate from, java.time.LocalDate to) {
        java.time.ZoneId market = java.time.ZoneId.of("America/New_York");
        byte[] body = send(marketData + "/pricehistory?symbol=" + encode(symbol)
                + "&periodType=year&frequencyType=daily&frequency=1&startDate="
                + from.atStartOfDay(market).toInstant().toEpochMilli() + "&endDate="
                + to.plusDays(1).atStartOfDay(market).toInstant().toEpochMilli(), "/pricehistory");
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new TraderApiException("GET /pricehistory answered malformed JSON");
        }
    }

    private JsonNode get(String pathAndQuery, String name) {
        byte[] body = body(pathAndQuery, name);
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new TraderApiException("GET " + name + " answered malformed JSON");
        }
    }

    private byte[] body(String pathAndQuery, String name) {
        return send(base + pathAndQuery, name);
    }

    private byte[] send(String url, String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + session.accessToken().value())
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = session.httpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new TraderApiException(ProviderCallException.Kind.TRANSIENT, "GET " + name + " timed out");
        } catch (IOException e) {
            throw new TraderApiException(ProviderCallException.Kind.TRANSIENT,
                    "GET " + name + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraderApiException("GET " + name + " interrupted");
        }
        int status = response.statusCode();
        if (status != 200) {
            var kind = ProviderCallException.kindOf(status);
            // The engine acts on the kind (issue 14): 429 waits Retry-After, 5xx retries, 401 refreshes once, 403 revokes.
            throw new ProviderCallException(kind, "GET " + name + " answered HTTP " + status + switch (kind) {
                case FORBIDDEN -> " (access withdrawn at the provider)";
                case UNAUTHORIZED -> " (access token refused)";
                default -> "";
            }, ProviderCallException.retryAfter(response.headers().firstValue("Retry-After").orElse(null),
                    java.time.Instant.now()));
        }
        return response.body();
    }


    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
