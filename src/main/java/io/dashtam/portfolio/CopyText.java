package io.dashtam.portfolio;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. Rendered one row at a
 * time as the driver reads, so PostgreSQL parses the first rows while the later ones are still being written and no
 * page is ever held twice in memory as text.
 */
final class CopyText extends Reader {

    private final Iterator<AccountBatch.Transaction> rows;
    private final String prefix;
    private final String suffix;
    private final StringBuilder row = new StringBuilder(256);
    private int position;

    private CopyText(Iterator<AccountBatch.Transaction> rows, String prefix, String suffix) {
        this.rows = rows;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** The transaction columns from provider id to amount, between a fixed prefix and suffix on every row. */
    static Reader of(Collection<AccountBatch.Transaction> rows, String prefix, String suffix) {
        return new CopyText(rows.iterator(), prefix, suffix);
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        int written = 0;
        while (written < length) {
            if (position == row.length()) {
                if (!rows.hasNext()) {
                    return written == 0 ? -1 : written;
                }
                row.setLength(0);
                position = 0;
                render(rows.next());
            }
            int n = Math.min(length - written, row.length() - position);
            row.getChars(position, position + n, buffer, offset + written);
            position += n;
            written += n;
        }
        return written;
    }

    @Override
    public void close() {
    }

    private void render(AccountBatch.Transaction t) {
        text(row.append(prefix), t.providerId()).append('\t');
        row.append(t.occurredAt()).append('\t');
        value(row, t.tradeDate()).append('\t');
        value(row, t.settlementDate()).append('\t');
        text(row, t.type()).append('\t');
        text(row, t.status()).append('\t');
        text(row, t.description()).append('\t');
        text(row, t.symbol()).append('\t');
        number(row, t.quantity()).append('\t');
        number(row, t.price()).append('\t');
        number(row, t.amount()).append(suffix).append('\n');
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
