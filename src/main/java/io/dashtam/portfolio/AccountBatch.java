package io.dashtam.portfolio;

import io.dashtam.core.Hashing;
import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything one sync (or import) learned about one account, stored in one database transaction. Each part
 * validates itself, so a malformed provider payload fails before anything is written.
 *
 * @param balance      null when the source reports none (e.g. a CSV file)
 * @param holdings     null when the source does not report positions (then open holdings are left alone);
 *                     an empty list closes every open holding
 */
public record AccountBatch(UUID connectionId, UserId userId, Account account, Balance balance,
        List<Holding> holdings, List<Transaction> transactions) {

    /** Larger than any real amount: guards against absurd provider numbers. */
    static final BigDecimal LIMIT = new BigDecimal("1e15");

    public AccountBatch {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(account, "account");
        holdings = holdings == null ? null : List.copyOf(holdings);
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
    }

    /** An account as the provider names it. The full number is reduced to a hash and its last four digits. */
    public record Account(String number, String name, String type, Currency currency) {
        public Account {
            require(number != null && !number.isBlank(), "account number", "missing");
            require(number.length() <= 64, "account number", "too long");
            require(type != null && !type.isBlank(), "account type", "missing");
            Objects.requireNonNull(currency, "currency");
            name = name == null || name.isBlank() ? type + " " + mask(number) : name;
        }

        String providerId() {
            return Hashing.sha256Hex(number);
        }

        /** The number as it may be shown: last four digits only. */
        public String masked() {
            return mask(number);
        }

        String last4() {
            return number.length() <= 4 ? number : number.substring(number.length() - 4);
        }

        @Override
        public String toString() {
            return "Account[" + mask(number) + ", " + type + "]";
        }
    }

    /**
     * @param asOf when the source says the balance was true (SimpleFIN's {@code balance-date}); null when it does
     *             not say, and the time of the sync is used instead
     */
    public record Balance(BigDecimal balance, BigDecimal cash, Instant asOf) {
        public Balance {
            checkAmount(balance, "balance", false);
            checkAmount(cash, "cash", true);
            require(asOf == null || !asOf.isBefore(EARLIEST) && asOf.isBefore(AFTER_LATEST), "balance date",
                    "out of range");
        }

        public Balance(BigDecimal balance, BigDecimal cash) {
            this(balance, cash, null);
        }
    }

    public record Holding(String providerId, String symbol, String cusip, String description, String assetType,
            BigDecimal quantity, BigDecimal averagePrice, BigDecimal costBasis, BigDecimal marketValue,
            BigDecimal unrealizedPl) {
        public Holding {
            require(providerId != null && !providerId.isBlank(), "holding id", "missing (no symbol or cusip)");
            require(assetType != null && !assetType.isBlank(), "assetType", "missing");
            checkAmount(quantity, "quantity", false);
            checkAmount(averagePrice, "averagePrice", true);
            checkAmount(costBasis, "costBasis", true);
            checkAmount(marketValue, "marketValue", false);
            checkAmount(unrealizedPl, "unrealizedPl", true);
        }
    }

    /** @param providerId unique within the account: the provider's id, or a content hash for files */
    public record Transaction(String providerId, Instant occurredAt, LocalDate tradeDate, LocalDate settlementDate,
            String type, String status, String description, String symbol, BigDecimal quantity, BigDecimal price,
            BigDecimal amount) {
        public Transaction {
            require(providerId != null && !providerId.isBlank() && providerId.length() <= 200, "transaction id",
                    "missing or too long");
            require(occurredAt != null, "time", "missing");
            require(!occurredAt.isBefore(EARLIEST) && occurredAt.isBefore(AFTER_LATEST), "time", "out of range");
            require(tradeDate == null || inRange(tradeDate), "trade date", "out of range");
            require(settlementDate == null || inRange(settlementDate), "settlement date", "out of range");
            require(type != null && !type.isBlank(), "type", "missing");
            require(status != null && List.of("VALID", "PENDING", "INVALID", "UNKNOWN").contains(status), "status",
                    "must be VALID, PENDING, INVALID or UNKNOWN");
            description = description == null ? "" : description;
            checkAmount(quantity, "quantity", true);
            checkAmount(price, "price", true);
            checkAmount(amount, "amount", false);
        }
    }

    /** What PostgreSQL's date and timestamptz both hold, with room to spare. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private static boolean inRange(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    static String mask(String number) {
        return "****" + (number.length() <= 4 ? number : number.substring(number.length() - 4));
    }

    private static void checkAmount(BigDecimal value, String field, boolean optional) {
        require(value != null || optional, field, "missing");
        require(value == null || value.abs().compareTo(LIMIT) < 0, field, "out of range");
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidDataException(field + ": " + problem);
        }
    }

    /** Provider or file data that cannot be stored; the message names the field, never a value. */
    public static final class InvalidDataException extends IllegalArgumentException {
        public InvalidDataException(String message) {
            super(message);
        }
    }
}
