package io.dashtam.simplefin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A parsed SimpleFIN Account Set: the bridge's {@code errors} (sanitized, for showing to the user) and the
 * accounts it could read. Amounts are the protocol's numeric strings parsed straight into {@link BigDecimal};
 * times are epoch seconds. A malformed field fails the parse with a message naming the field, never its value.
 */
record SimplefinAccountSet(List<String> errors, List<SimplefinAccount> accounts) {

    SimplefinAccountSet {
        errors = List.copyOf(errors);
        accounts = List.copyOf(accounts);
    }

    /** @param currency an ISO 4217 code, or the URL of a custom currency */
    record SimplefinAccount(String orgName, String id, String name, String currency, BigDecimal balance,
            BigDecimal availableBalance, Instant balanceDate, List<SimplefinTransaction> transactions,
            List<SimplefinHolding> holdings) {

        boolean customCurrency() {
            return currency.contains("://");
        }
    }

    /** @param posted null while pending (the protocol sends 0) */
    record SimplefinTransaction(String id, Instant posted, BigDecimal amount, String description, boolean pending,
            Instant transactedAt) {
    }

    record SimplefinHolding(String id, String symbol, String description, String currency, BigDecimal shares,
            BigDecimal costBasis, BigDecimal marketValue, BigDecimal purchasePrice) {
    }

    static SimplefinAccountSet parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("account set: not a JSON object");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            String clean = BridgeText.sanitize(e.isString() ? e.asString() : e.toString());
            if (!clean.isEmpty()) {
                errors.add(clean);
            }
        }
        JsonNode accountsNode = root.path("accounts");
        if (!accountsNode.isArray()) {
            throw new IllegalArgumentException("account set: accounts missing");
        }
        List<SimplefinAccount> accounts = new ArrayList<>();
        int i = 0;
        for (JsonNode a : accountsNode) {
            accounts.add(account(a, "accounts[" + i++ + "]"));
        }
        return new SimplefinAccountSet(errors, accounts);
    }

    private static SimplefinAccount account(JsonNode a, String path) {
        JsonNode org = a.path("org");
        String orgName = BridgeText.sanitize(org.path("name").asString(org.path("domain").asString("")));
        String currency = text(a, "currency", path).strip();
        if (!currency.contains("://")) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(path + ".currency: neither an ISO 4217 code nor a URL");
            }
        }
        List<SimplefinTransaction> transactions = new ArrayList<>();
        int t = 0;
        for (JsonNode tx : a.path("transactions")) {
            transactions.add(transaction(tx, path + ".transactions[" + t++ + "]"));
        }
        List<SimplefinHolding> holdings = null;
        if (a.path("holdings").isArray()) {
            holdings = new ArrayList<>();
            int h = 0;
            for (JsonNode holding : a.path("holdings")) {
                holdings.add(holding(holding, path + ".holdings[" + h++ + "]"));
            }
        }
        return new SimplefinAccount(orgName, id(a, path), BridgeText.sanitize(a.path("name").asString("")),
                currency, amount(a, "balance", path, true), amount(a, "available-balance", path, false),
                epoch(a, "balance-date", path, true), transactions, holdings);
    }

    private static SimplefinTransaction transaction(JsonNode t, String path) {
        boolean pending = t.path("pending").asBoolean(false);
        Instant posted = epoch(t, "posted", path, !pending);
        return new SimplefinTransaction(id(t, path), posted, amount(t, "amount", path, true),
                BridgeText.sanitize(t.path("description").asString("")), pending || posted == null,
                epoch(t, "transacted_at", path, false));
    }

    private static SimplefinHolding holding(JsonNode h, String path) {
        return new SimplefinHolding(id(h, path), BridgeText.sanitize(h.path("symbol").asString("")),
                BridgeText.sanitize(h.path("description").asString("")), h.path("currency").asString(""),
                amount(h, "shares", path, true), amount(h, "cost_basis", path, false),
                amount(h, "market_value", path, true), amount(h, "purchase_price", path, false));
    }

    private static String id(JsonNode node, String path) {
        String id = text(node, "id", path);
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException(path + ".id: missing or too long");
        }
        return id;
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isString() && !value.isNumber()) {
            throw new IllegalArgumentException(path + "." + field + ": missing");
        }
        return value.asString();
    }

    /** A numeric string (or, leniently, a JSON number read as BigDecimal) straight into BigDecimal. */
    static BigDecimal amount(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isString() && value.asString().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(path + "." + field + ": missing");
            }
            return null;
        }
        try {
            BigDecimal parsed = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().strip());
            if (parsed.abs().compareTo(new BigDecimal("1e15")) >= 0 || parsed.scale() > 10) {
                throw new IllegalArgumentException(path + "." + field + ": out of range");
            }
            return parsed;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(path + "." + field + ": not a number");
        }
    }

    /** Epoch seconds; 0 (or absent) is "no time" where the protocol allows it. */
    private static Instant epoch(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.path(field);
        long seconds;
        if (value.isIntegralNumber()) {
            seconds = value.asLong();
        } else if (value.isString() && value.asString().matches("\\d{1,12}")) {
            seconds = Long.parseLong(value.asString());
        } else if (value.isMissingNode() || value.isNull()) {
            seconds = 0;
        } else {
            throw new IllegalArgumentException(path + "." + field + ": not epoch seconds");
        }
        if (seconds <= 0) {
            if (required) {
                throw new IllegalArgumentException(path + "." + field + ": missing");
            }
            return null;
        }
        return Instant.ofEpochSecond(seconds);
    }
}
