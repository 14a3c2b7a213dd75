package io.dashtam.schwab;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.AccountBatch.InvalidDataException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Trader-API accounts JSON into portfolio batches (transactions: {@link TraderTransactions}). Strict where it matters: a missing or mistyped required field, or an
 * absurd number, fails with the JSON path of the field (never its value), so nothing half-understood is stored.
 */
final class TraderMapper {

    static final Currency USD = Currency.getInstance("USD");
    private static final BigDecimal QUANTITY_LIMIT = new BigDecimal("1e12");
    private static final BigDecimal LIMIT = new BigDecimal("1e15");

    private TraderMapper() {
    }

    record TraderAccount(AccountBatch.Account account, AccountBatch.Balance balance,
            List<AccountBatch.Holding> holdings) {
    }

    /** accountNumber → hashValue, from {@code GET /accounts/accountNumbers}. */
    static Map<String, String> accountHashes(JsonNode root) {
        array(root, "accountNumbers");
        Map<String, String> hashes = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode entry : root.values()) {
            String path = "accountNumbers[" + i++ + "]";
            hashes.put(text(entry, "accountNumber", path, true), text(entry, "hashValue", path, true));
        }
        return hashes;
    }

    /** From {@code GET /accounts?fields=positions}. */
    static List<TraderAccount> accounts(JsonNode root) {
        array(root, "accounts");
        List<TraderAccount> accounts = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root.values()) {
            String path = "accounts[" + i++ + "]";
            JsonNode sa = object(entry, "securitiesAccount", path, true);
            String saPath = path + ".securitiesAccount";
            String type = text(sa, "type", saPath, true);
            if (!type.equals("CASH") && !type.equals("MARGIN")) {
                throw invalid(saPath + ".type", "must be CASH or MARGIN");
            }
            var account = guarded(saPath, () -> new AccountBatch.Account(text(sa, "accountNumber", saPath, true),
                    null, type, USD));
            List<AccountBatch.Holding> holdings = new ArrayList<>();
            JsonNode positions = sa.get("positions");
            if (positions != null && !positions.isNull()) {
                array(positions, saPath + ".positions");
                int p = 0;
                for (JsonNode position : positions.values()) {
                    holdings.add(holding(position, saPath + ".positions[" + p++ + "]"));
                }
            }
            accounts.add(new TraderAccount(account, balance(entry, sa, path), holdings));
        }
        return accounts;
    }

    private static AccountBatch.Balance balance(JsonNode entry, JsonNode sa, String path) {
        JsonNode aggregated = object(entry, "aggregatedBalance", path, false);
        JsonNode current = object(sa, "currentBalances", path + ".securitiesAccount", false);
        JsonNode initial = object(sa, "initialBalances", path + ".securitiesAccount", false);
        BigDecimal value = first(decimal(aggregated, "liquidationValue", path + ".aggregatedBalance", false),
                decimal(current, "liquidationValue", path + ".securitiesAccount.currentBalances", false),
                decimal(initial, "liquidationValue", path + ".securitiesAccount.initialBalances", false));
        if (value == null) {
            throw invalid(path + ".aggregatedBalance.liquidationValue", "missing");
        }
        BigDecimal cash = first(decimal(current, "cashBalance", path + ".securitiesAccount.currentBalances", false),
                decimal(current, "totalCash", path + ".securitiesAccount.currentBalances", false),
                decimal(initial, "cashBalance", path + ".securitiesAccount.initialBalances", false));
        return guarded(path + ".balance", () -> new AccountBatch.Balance(value, cash));
    }

    static AccountBatch.Holding holding(JsonNode position, String path) {
        JsonNode instrument = object(position, "instrument", path, true);
        String ip = path + ".instrument";
        String assetType = text(instrument, "assetType", ip, true);
        String symbol = text(instrument, "symbol", ip, false);
        String cusip = text(instrument, "cusip", ip, false);
        String id = cusip != null && !cusip.isBlank() ? cusip : symbol;
        if (id == null || id.isBlank()) {
            throw invalid(ip, "has neither cusip nor symbol");
        }
        BigDecimal longQty = quantity(decimal(position, "longQuantity", path, false), () -> path + ".longQuantity");
        BigDecimal shortQty = quantity(decimal(position, "shortQuantity", path, false), () -> path + ".shortQuantity");
        if (longQty == null && shortQty == null) {
            throw invalid(path + ".longQuantity", "missing");
        }
        BigDecimal quantity = zero(longQty).subtract(zero(shortQty));
        BigDecimal average = decimal(position, "averagePrice", path, false);
        BigDecimal marketValue = decimal(position, "marketValue", path, true);
        BigDecimal cost = average == null ? null : average.multiply(quantity).setScale(4, RoundingMode.HALF_EVEN);
        BigDecimal longPl = decimal(position, "longOpenProfitLoss", path, false);
        BigDecimal shortPl = decimal(position, "shortOpenProfitLoss", path, false);
        BigDecimal pl = longPl == null && shortPl == null ? (cost == null ? null : marketValue.subtract(cost))
                : zero(longPl).add(zero(shortPl));
        return guarded(path, () -> new AccountBatch.Holding(id, symbol, cusip,
                text(instrument, "description", ip, false), assetType, quantity, average, cost, marketValue, pl));
    }

    /** {@code path} is only built for an error: the transactions stream checks thousands of rows per answer. */
    static BigDecimal quantity(BigDecimal value, Supplier<String> path) {
        if (value != null && value.abs().compareTo(QUANTITY_LIMIT) >= 0) {
            throw invalid(path.get(), "out of range");
        }
        return value;
    }

    static BigDecimal decimal(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(path + "." + field, "missing");
            }
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(path + "." + field, "not a number");
        }
        return bounded(value.decimalValue(), () -> path + "." + field);
    }

    /** An amount within sane limits; doubles printed in full (176.36430000000001) are exact, 12 places kept. */
    static BigDecimal bounded(BigDecimal decimal, Supplier<String> path) {
        if (decimal.abs().compareTo(LIMIT) >= 0) {
            throw invalid(path.get(), "out of range");
        }
        return decimal.scale() > 12 ? decimal.setScale(12, RoundingMode.HALF_EVEN) : decimal;
    }

    static String text(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(path + "." + field, "missing");
            }
            return null;
        }
        if (!value.isString()) {
            throw invalid(path + "." + field, "not a string");
        }
        if (required && value.stringValue().isBlank()) {
            throw invalid(path + "." + field, "empty");
        }
        return value.stringValue();
    }

    private static JsonNode object(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(path + "." + field, "missing");
            }
            return null;
        }
        if (!value.isObject()) {
            throw invalid(path + "." + field, "not an object");
        }
        return value;
    }

    private static void array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw invalid(path, "not an array");
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** Domain validation failures get the JSON path in front. */
    static <T> T guarded(String path, Supplier<T> build) {
        return guarded(() -> path, build);
    }

    static <T> T guarded(Supplier<String> path, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidDataException e) {
            String where = path.get();
            throw e.getMessage().startsWith("accounts") || e.getMessage().startsWith(where) ? e
                    : invalid(where, e.getMessage());
        }
    }

    static InvalidDataException invalid(String path, String problem) {
        return new InvalidDataException(path + ": " + problem);
    }
}
