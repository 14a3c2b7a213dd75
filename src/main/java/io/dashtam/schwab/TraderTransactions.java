package io.dashtam.schwab;

import static io.dashtam.schwab.TraderMapper.invalid;

import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The transactions endpoint's answer, read token by token into portfolio rows. A busy history is thousands of rows
 * per call, and building a JSON tree for them cost a fifth of a sync's CPU; this reads each field once, skips what
 * it does not use, and is as strict as the tree mapping of accounts: a missing or mistyped field, or an absurd
 * number, fails with the JSON path of the field (never its value). Fields are checked in a fixed order once a row's
 * object is read, so the error named does not depend on the order the provider wrote them in.
 */
final class TraderTransactions {

    /** A field present with the wrong JSON type. */
    private static final Object MISTYPED = new Object();

    private TraderTransactions() {
    }

    /** The rows of one answer (a JSON array of Schwab transactions); {@code path} names it in errors. */
    static List<AccountBatch.Transaction> read(JsonParser parser, String path) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw invalid(path, "not an array");
        }
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw invalid(path + "[" + rows.size() + "]", "not an object");
            }
            rows.add(new Row(path, rows.size()).read(parser).toTransaction());
        }
        if (parser.nextToken() != null) {
            throw invalid(path, "content after the array");
        }
        return rows;
    }

    /** One transaction object's fields as read: a value, {@link #MISTYPED} or null (absent or JSON null). */
    private static final class Row {
        private final String prefix;
        private final int index;
        private Object activityId;
        private Object time;
        private Object tradeDate;
        private Object settlementDate;
        private Object type;
        private Object status;
        private Object description;
        private Object netAmount;
        /** The first transfer item that is not cash names the security. */
        private String symbol;
        private BigDecimal quantity;
        private BigDecimal price;
        private RuntimeException itemProblem;
        private int items;

        Row(String prefix, int index) {
            this.prefix = prefix;
            this.index = index;
        }

        /** A field's JSON path, built only for an error message. */
        String at(String field) {
            return prefix + "[" + index + "]" + field;
        }

        Row read(JsonParser parser) {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "activityId" -> activityId = switch (token) {
                        case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
                        case VALUE_STRING -> parser.getString().isBlank() ? MISTYPED : parser.getString();
                        case VALUE_NULL -> null;
                        default -> skip(parser);
                    };
                    case "time" -> time = string(parser, token);
                    case "tradeDate" -> tradeDate = string(parser, token);
                    case "settlementDate" -> settlementDate = string(parser, token);
                    case "type" -> type = string(parser, token);
                    case "status" -> status = string(parser, token);
                    case "description" -> description = string(parser, token);
                    case "netAmount" -> netAmount = number(parser, token);
                    case "transferItems" -> transferItems(parser, token);
                    default -> parser.skipChildren();
                }
            }
            return this;
        }

        private void transferItems(JsonParser parser, JsonToken token) {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                parser.skipChildren();
                problem(invalid(at(".transferItems"), "not an array"));
                return;
            }
            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                int number = items++;
                if (item != JsonToken.START_OBJECT) {
                    parser.skipChildren(); // not an item: it names nothing
                    continue;
                }
                transferItem(parser, field -> at(".transferItems[" + number + "]" + field));
            }
        }

        private void transferItem(JsonParser parser, Where item) {
            Object itemSymbol = null;
            Object assetType = null;
            Object amount = null;
            Object itemPrice = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "instrument" -> {
                        if (token == JsonToken.START_OBJECT) {
                            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                                JsonToken value = parser.nextToken();
                                switch (field) {
                                    case "symbol" -> itemSymbol = string(parser, value);
                                    case "assetType" -> assetType = string(parser, value);
                                    default -> parser.skipChildren();
                                }
                            }
                        } else if (token != JsonToken.VALUE_NULL) {
                            parser.skipChildren();
                            problem(invalid(item.at(".instrument"), "not an object"));
                        }
                    }
                    case "amount" -> amount = number(parser, token);
                    case "price" -> itemPrice = number(parser, token);
                    default -> parser.skipChildren();
                }
            }
            try {
                String s = text(itemSymbol, item, ".instrument.symbol", false);
                String asset = text(assetType, item, ".instrument.assetType", false);
                BigDecimal units = TraderMapper.quantity(decimal(amount, item, ".amount", false),
                        () -> item.at(".amount"));
                BigDecimal unitPrice = decimal(itemPrice, item, ".price", false);
                if (symbol == null && s != null && !"CURRENCY".equals(asset)) {
                    symbol = s;
                    quantity = units;
                    price = unitPrice;
                }
            } catch (AccountBatch.InvalidDataException e) {
                problem(e);
            }
        }

        private void problem(RuntimeException e) {
            if (itemProblem == null) {
                itemProblem = e;
            }
        }

        AccountBatch.Transaction toTransaction() {
            if (activityId == null || activityId == MISTYPED) {
                throw invalid(at(".activityId"), activityId == null ? "missing" : "not an id");
            }
            String state = text(status, this::at, ".status", false);
            if (itemProblem != null) {
                throw itemProblem;
            }
            return TraderMapper.guarded(() -> at(""), () -> new AccountBatch.Transaction((String) activityId,
                    time(time, this::at, ".time", true).toInstant(), date(tradeDate, this::at, ".tradeDate"),
                    date(settlementDate, this::at, ".settlementDate"), text(type, this::at, ".type", true),
                    state == null ? "UNKNOWN" : state, text(description, this::at, ".description", false), symbol,
                    quantity, price, decimal(netAmount, this::at, ".netAmount", true)));
        }
    }

    private static Object string(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NULL -> null;
            default -> skip(parser);
        };
    }

    private static Object number(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_NULL -> null;
            default -> skip(parser);
        };
    }

    private static Object skip(JsonParser parser) {
        parser.skipChildren();
        return MISTYPED;
    }

    /** Names a field's JSON path for an error; built only then. */
    @FunctionalInterface
    private interface Where {
        String at(String field);
    }

    private static String text(Object value, Where where, String field, boolean required) {
        if (value == MISTYPED) {
            throw invalid(where.at(field), "not a string");
        }
        String text = (String) value;
        if (required && (text == null || text.isBlank())) {
            throw invalid(where.at(field), text == null ? "missing" : "empty");
        }
        return text;
    }

    private static BigDecimal decimal(Object value, Where where, String field, boolean required) {
        if (value == MISTYPED) {
            throw invalid(where.at(field), "not a number");
        }
        if (value == null) {
            if (required) {
                throw invalid(where.at(field), "missing");
            }
            return null;
        }
        return TraderMapper.bounded((BigDecimal) value, () -> where.at(field));
    }

    private static LocalDate date(Object value, Where where, String field) {
        OffsetDateTime time = time(value, where, field, false);
        return time == null ? null : time.toLocalDate();
    }

    private static OffsetDateTime time(Object value, Where where, String field, boolean required) {
        String text = text(value, where, field, required);
        if (text == null) {
            return null;
        }
        OffsetDateTime fast = TraderTime.fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, TraderTime.FORMAT);
        } catch (DateTimeParseException e) {
            throw invalid(where.at(field), "not an ISO-8601 date-time with offset");
        }
    }
}
