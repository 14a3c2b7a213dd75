package io.dashtam.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's Schwab-shaped Trader API under {@code /sandbox/trader/v1}, with Schwab's rules: a bearer access
 * token from the sandbox token endpoint; per-account paths take the {@code hashValue} (a plain account number is
 * 400 "Invalid account number"); transactions need {@code startDate}, {@code endDate} (ISO-8601 with
 * milliseconds and Z, at most one year apart) and {@code types}. Errors are Schwab's {message, errors}.
 */
@RestController
@RequestMapping("/sandbox/trader/v1/accounts")
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxTraderApi {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Set<String> TYPES = Set.of("TRADE", "RECEIVE_AND_DELIVER", "DIVIDEND_OR_INTEREST",
            "ACH_RECEIPT", "ACH_DISBURSEMENT", "CASH_RECEIPT", "CASH_DISBURSEMENT", "ELECTRONIC_FUND", "WIRE_OUT",
            "WIRE_IN", "JOURNAL", "MEMORANDUM", "MARGIN_CALL", "MONEY_MARKET", "SMA_ADJUSTMENT");

    private final SandboxAccess access;
    private final java.time.Clock clock;

    SandboxTraderApi(SandboxAccess access, java.time.Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/accountNumbers")
    ResponseEntity<Object> accountNumbers(@RequestAttribute(name = SandboxBearerFilter.ATTRIBUTE, required = false) String auth) {
        return access.authorized(auth, () -> SandboxData.ACCOUNTS.stream()
                .map(a -> Map.of("accountNumber", a.accountNumber(), "hashValue", a.hashValue())).toList());
    }

    @GetMapping
    ResponseEntity<Object> accounts(@RequestAttribute(name = SandboxBearerFilter.ATTRIBUTE, required = false) String auth,
            @RequestParam(required = false) String fields) {
        return access.authorized(auth, () -> SandboxData.ACCOUNTS.stream()
                .map(a -> SandboxData.accountJson(a, wantsPositions(fields))).toList());
    }

    @GetMapping("/{hash}")
    ResponseEntity<Object> account(@RequestAttribute(name = SandboxBearerFilter.ATTRIBUTE, required = false) String auth,
            @PathVariable String hash, @RequestParam(required = false) String fields) {
        return access.authorized(auth, () -> SandboxData.accountJson(byHash(hash), wantsPositions(fields)));
    }

    @GetMapping("/{hash}/transactions")
    ResponseEntity<Object> transactions(@RequestAttribute(name = SandboxBearerFilter.ATTRIBUTE, required = false) String auth,
            @PathVariable String hash, @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate, @RequestParam(required = false) String types,
            @RequestParam(required = false) String symbol) {
        return access.authorized(auth, () -> {
            var account = byHash(hash);
            Instant from = date("startDate", startDate);
            Instant to = date("endDate", endDate);
            if (!to.isAfter(from)) {
                throw new SandboxAccess.SchwabError(400, "endDate must be after startDate");
            }
            if (to.isAfter(from.atZone(ZoneOffset.UTC).plusYears(1).toInstant())) {
                throw new SandboxAccess.SchwabError(400, "The date range must not exceed 1 year");
            }
            if (types == null || types.isBlank()) {
                throw new SandboxAccess.SchwabError(400, "types is required");
            }
            List<String> wanted = Arrays.stream(types.split(",")).map(String::trim).toList();
            if (!TYPES.containsAll(wanted)) {
                throw new SandboxAccess.SchwabError(400, "Invalid types: " + types.replaceAll("[^A-Z_,]", ""));
            }
            return SandboxData.transactions(account, from, to, clock.instant()).stream()
                    .filter(t -> wanted.contains((String) t.get("type")))
                    .filter(t -> symbol == null || mentions(t, symbol)).toList();
        });
    }

    private static boolean mentions(Map<String, Object> tx, String symbol) {
        return ((List<?>) tx.get("transferItems")).stream()
                .anyMatch(i -> symbol.equals(((Map<?, ?>) ((Map<?, ?>) i).get("instrument")).get("symbol")));
    }

    private static boolean wantsPositions(String fields) {
        return fields != null && Arrays.asList(fields.split(",")).contains("positions");
    }

    private static SandboxData.SandboxAccount byHash(String hash) {
        return SandboxData.ACCOUNTS.stream().filter(a -> a.hashValue().equals(hash)).findFirst()
                .orElseThrow(() -> new SandboxAccess.SchwabError(400, "Invalid account number"));
    }

    private static Instant date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new SandboxAccess.SchwabError(400, name + " is required");
        }
        if (!DATE.matcher(value).matches()) {
            throw new SandboxAccess.SchwabError(400, name + " must be yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2024-03-28T21:10:42.000Z");
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            throw new SandboxAccess.SchwabError(400, name + " is not a valid date");
        }
    }
}
