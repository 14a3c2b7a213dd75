package io.dashtam.sync;

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
import io.dashtam.providers.ProviderCallException;
import tools.jackson.core.JacksonException;
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

    /**
     * Around every call: the provider's request budget and retries ({@code calls}), and what to do when the access
     * token is refused before its recorded expiry ({@code renew}: refresh once, across instances, and give the new
     * session; it throws when the refresh is refused).
     */
    interface Guard {
        Guard NONE = new Guard() {
        };

        default JsonNode call(java.util.function.Supplier<JsonNode> request) {
            return request.get();
        }

        default SyncConnections.Session renew(SyncConnections.Session rejected) {
            throw new SyncConnections.UnusableException("the provider refused the access token (HTTP 401)");
        }

        /** The provider refused the token again right after a refresh, or answered 403: the reason is final. */
        default void refused(ProviderCallException e) {
        }
    }

    private volatile SyncConnections.Session session;
    private final String base;
    private final Duration timeout;
    private final Guard guard;
    /** At most one refresh per client (one run): a second 401 after it is the provider's verdict, not a race. */
    private final java.util.concurrent.atomic.AtomicBoolean renewed = new java.util.concurrent.atomic.AtomicBoolean();

    TraderClient(SyncConnections.Session session, Duration timeout) {
        this(session, timeout, Guard.NONE);
    }

    TraderClient(SyncConnections.Session session, Duration timeout, Guard guard) {
        this.session = session;
        String url = session.apiBaseUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/trader/v1";
        this.timeout = timeout;
        this.guard = guard;
    }

    JsonNode accountNumbers() {
        return get("/accounts/accountNumbers", "/accounts/accountNumbers");
    }

    JsonNode accountsWithPositions() {
        return get("/accounts?fields=positions", "/accounts");
    }

    JsonNode transactions(String accountHash, Instant start, Instant end) {
        return get("/accounts/" + encode(accountHash) + "/transactions?startDate=" + encode(DATE.format(start))
                + "&endDate=" + encode(DATE.format(end)) + "&types=" + encode(ALL_TYPES),
                "/accounts/{hash}/transactions");
    }

    private JsonNode get(String pathAndQuery, String name) {
        SyncConnections.Session used = session;
        try {
            return guard.call(() -> get(pathAndQuery, name, used));
        } catch (ProviderCallException e) {
            if (e.kind() != ProviderCallException.Kind.UNAUTHORIZED) {
                if (e.kind() == ProviderCallException.Kind.FORBIDDEN) {
                    guard.refused(e);
                }
                throw e;
            }
            synchronized (this) {
                // Parallel windows refused together refresh once; a later one uses the session already renewed.
                if (session == used) {
                    if (!renewed.compareAndSet(false, true)) {
                        guard.refused(e);
                        throw e;
                    }
                    session = guard.renew(used);
                }
            }
        }
        SyncConnections.Session fresh = session;
        try {
            return guard.call(() -> get(pathAndQuery, name, fresh));
        } catch (ProviderCallException again) {
            if (again.kind() == ProviderCallException.Kind.UNAUTHORIZED
                    || again.kind() == ProviderCallException.Kind.FORBIDDEN) {
                guard.refused(again);
            }
            throw again;
        }
    }

    private JsonNode get(String pathAndQuery, String name, SyncConnections.Session with) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + with.accessToken().value())
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = with.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "GET " + name + " timed out");
        } catch (IOException e) {
            throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT,
                    "GET " + name + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraderApiException("GET " + name + " interrupted");
        }
        int status = response.statusCode();
        if (status != 200) {
            var kind = ProviderCallException.kindOf(status);
            String reason = "GET " + name + " answered HTTP " + status + switch (kind) {
                case FORBIDDEN -> " (access withdrawn at the provider)";
                case UNAUTHORIZED -> " (access token refused)";
                default -> "";
            };
            throw new ProviderCallException(kind, reason, ProviderCallException.retryAfter(
                    response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new TraderApiException("GET " + name + " answered malformed JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
