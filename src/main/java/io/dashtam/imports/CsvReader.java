package io.dashtam.imports;

import io.dashtam.core.Hashing;
import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;
import java.util.regex.Pattern;

/**
 * CSV exports with a column mapping into one account batch. A row's id is a hash of its content plus its
 * occurrence among identical rows of the file, so re-importing the same or an overlapping export adds nothing
 * twice while two genuinely identical purchases on one day both stay.
 */
final class CsvReader {

    /** {@code decimalMark} is {@code .} or {@code ,}; the other one separates thousands. */
    record Mapping(AccountBatch.Account account, CsvOptions.Columns columns, String dateFormat, char delimiter,
            char decimalMark) {
        Mapping {
            if (decimalMark != '.' && decimalMark != ',') {
                throw new IllegalArgumentException("decimal mark " + decimalMark);
            }
        }
    }

    private CsvReader() {
    }

    static AccountBatch read(String text, Mapping mapping, UUID connectionId, UserId user) {
        List<CsvRow> rows = rows(text, mapping.delimiter());
        if (rows.isEmpty()) {
            throw new ImportException(1, "header", "the file is empty");
        }
        CsvRow header = rows.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.cells.size(); i++) {
            index.putIfAbsent(header.cells.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        CsvOptions.Columns c = mapping.columns();
        DateTimeFormatter dates;
        try {
            dates = DateTimeFormatter.ofPattern(mapping.dateFormat() == null ? "yyyy-MM-dd" : mapping.dateFormat());
        } catch (IllegalArgumentException e) {
            throw new ImportException(1, "dateFormat", "not a valid date pattern");
        }
        Map<String, Integer> occurrences = new HashMap<>();
        List<AccountBatch.Transaction> transactions = new ArrayList<>();
        for (CsvRow row : rows.subList(1, rows.size())) {
            if (row.cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            String dateText = cell(row, index, c.date(), true);
            LocalDate date;
            try {
                date = LocalDate.parse(dateText.trim(), dates);
            } catch (DateTimeParseException e) {
                throw new ImportException(row.line, c.date(), "not a date in the format " + mapping.dateFormat());
            }
            BigDecimal amount = decimal(row, index, c.amount(), true, mapping.decimalMark());
            String description = cell(row, index, c.description(), false);
            String type = cell(row, index, c.type(), false);
            String symbol = cell(row, index, c.symbol(), false);
            BigDecimal quantity = decimal(row, index, c.quantity(), false, mapping.decimalMark());
            BigDecimal price = decimal(row, index, c.price(), false, mapping.decimalMark());
            String status = cell(row, index, c.status(), false);
            String normalized = String.join("\u001f", date.toString(), amount.stripTrailingZeros().toPlainString(),
                    norm(description), norm(type), norm(symbol), quantity == null ? "" : quantity.toPlainString(),
                    price == null ? "" : price.toPlainString());
            int occurrence = occurrences.merge(normalized, 1, Integer::sum);
            String id = "CSV:" + Hashing.sha256Hex(normalized + "\u001f" + occurrence);
            String finalStatus = status == null ? "VALID" : status.trim().toUpperCase(Locale.ROOT);
            transactions.add(OfxReader.guard(row.line, "row", () -> new AccountBatch.Transaction(id,
                    date.atStartOfDay(ZoneOffset.UTC).toInstant(), date, null,
                    type == null ? (amount.signum() < 0 ? "DEBIT" : "CREDIT") : type.trim().toUpperCase(Locale.ROOT),
                    finalStatus, description == null ? "" : description.trim(),
                    symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT), quantity, price, amount)));
        }
        return new AccountBatch(connectionId, user, mapping.account(), null, null, transactions);
    }

    private static String norm(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String cell(CsvRow row, Map<String, Integer> index, String column, boolean required) {
        if (column == null || column.isBlank()) {
            if (required) {
                throw new ImportException(1, "columns", "a required column mapping is missing");
            }
            return null;
        }
        Integer at = index.get(column.trim().toLowerCase(Locale.ROOT));
        if (at == null) {
            throw new ImportException(1, column, "no such column in the header");
        }
        String value = at < row.cells.size() ? row.cells.get(at) : null;
        if (value == null || value.isBlank()) {
            if (required) {
                throw new ImportException(row.line, column, "empty");
            }
            return null;
        }
        return value;
    }

    /**
     * A number under the mapping's decimal mark: the other mark may only group thousands (1,234.56 or 1.234,56), so
     * "12,50" under {@code .} is refused as ambiguous rather than read as 1250, and "1.234,56" under {@code .} is
     * not a number rather than 1.23456.
     */
    private static BigDecimal decimal(CsvRow row, Map<String, Integer> index, String column, boolean required,
            char mark) {
        String raw = cell(row, index, column, required);
        if (raw == null) {
            return null;
        }
        String s = raw.trim().replace("$", "").replace(" ", "").replace("\u00a0", "");
        boolean parenthesized = s.startsWith("(") && s.endsWith(")");
        if (parenthesized) {
            s = "-" + s.substring(1, s.length() - 1); // accounting negative: (12.50)
        }
        char group = mark == '.' ? ',' : '.';
        if (!number(mark).matcher(s).matches()) {
            if (number(group).matcher(s).matches()) {
                throw new ImportException(row.line, column, "ambiguous under the decimal mark '" + mark + "': '"
                        + group + "' here is no thousands separator; is the decimal mark '" + group + "'?");
            }
            throw new ImportException(row.line, column, "not a number");
        }
        BigDecimal value = new BigDecimal(s.replace(String.valueOf(group), "").replace(mark, '.'));
        if (value.abs().compareTo(new BigDecimal("1e15")) >= 0) {
            throw new ImportException(row.line, column, "out of range");
        }
        return value;
    }

    private static final Pattern POINT = grouped('.', ',');
    private static final Pattern COMMA = grouped(',', '.');

    private static Pattern number(char mark) {
        return mark == '.' ? POINT : COMMA;
    }

    /** Digits, grouped by threes with {@code group} or not at all, then optionally {@code mark} and decimals. */
    private static Pattern grouped(char mark, char group) {
        String m = Pattern.quote(String.valueOf(mark));
        String g = Pattern.quote(String.valueOf(group));
        return Pattern.compile(
                "[+-]?((\\d{1,3}(" + g + "\\d{3})+|\\d+)(" + m + "\\d*)?|" + m + "\\d+)");
    }

    private record CsvRow(int line, List<String> cells) {
    }

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    /**
     * RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks) by Jackson's streaming CSV parser:
     * linear in the input whatever its quotes (the hand-written loop copied the cell so far for every quote). Each
     * row keeps the line it starts on, for errors.
     */
    private static List<CsvRow> rows(String text, char delimiter) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"')
                .withoutEscapeChar();
        List<CsvRow> rows = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int line = 1;
        try (JsonParser parser = CSV.reader(schema).createParser(body)) {
            // The rows arrive wrapped in one outer array: depth 1 is the file, depth 2 a row.
            List<String> cells = new ArrayList<>();
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    if (++depth == 2) {
                        line = parser.currentLocation().getLineNr();
                        cells = new ArrayList<>();
                    }
                } else if (token == JsonToken.END_ARRAY) {
                    if (depth-- == 2) {
                        rows.add(new CsvRow(line, List.copyOf(cells)));
                    }
                } else {
                    cells.add(parser.getString());
                }
            }
        } catch (JacksonException e) {
            // The line the failing row starts on (an unterminated quote fails at the end of the file).
            throw new ImportException(line, "row",
                    e.getMessage() != null && e.getMessage().contains("quote") ? "unterminated quoted field"
                            : "not readable as CSV");
        }
        return rows;
    }
}
