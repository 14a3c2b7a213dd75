package io.dashtam.portfolio;

import java.math.BigDecimal;
import java.util.Collection;

/** Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyText {

    private CopyText() {
    }

    /** The transaction columns from provider id to amount, between a fixed prefix and suffix on every row. */
    static String of(Collection<AccountBatch.Transaction> rows, String prefix, String suffix) {
        StringBuilder out = new StringBuilder(rows.size() * (160 + prefix.length() + suffix.length()));
        for (AccountBatch.Transaction t : rows) {
            text(out.append(prefix), t.providerId()).append('\t');
            out.append(t.occurredAt()).append('\t');
            value(out, t.tradeDate()).append('\t');
            value(out, t.settlementDate()).append('\t');
            text(out, t.type()).append('\t');
            text(out, t.status()).append('\t');
            text(out, t.description()).append('\t');
            text(out, t.symbol()).append('\t');
            number(out, t.quantity()).append('\t');
            number(out, t.price()).append('\t');
            number(out, t.amount()).append(suffix).append('\n');
        }
        return out.toString();
    }

    private static StringBuilder value(StringBuilder out, Object value) {
        return value == null ? out.append("\\N") : out.append(value);
    }

    private static StringBuilder number(StringBuilder out, BigDecimal value) {
        return value == null ? out.append("\\N") : out.append(value.toPlainString());
    }

    static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL; providers have no business sending it
                default -> out.append(c);
            }
        }
        return out;
    }
}
