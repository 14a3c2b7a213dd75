package io.dashtam.imports;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount, quantity or price as a CSV export writes it, read under the decimal mark the import names ({@code .} by
 * default): the other of {@code .} and {@code ,} may only group thousands, so "12,50" under {@code .} is refused as
 * ambiguous instead of read as 1250. Spaces (also no-break and thin ones), a leading {@code $ € £ ¥} and accounting
 * parentheses for negatives are allowed.
 */
final class DecimalText {

    /** Why a cell is not a number; the message never echoes the cell. */
    static final class Unreadable extends Exception {
        Unreadable(String problem) {
            super(problem, null, false, false);
        }
    }

    private static final Pattern POINT = Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d*)?|[+-]?\\.\\d+");
    private static final Pattern COMMA = Pattern.compile("[+-]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d*)?|[+-]?,\\d+");

    private DecimalText() {
    }

    /** {@code mark} is {@code '.'} or {@code ','}. */
    static BigDecimal parse(String raw, char mark) throws Unreadable {
        String s = raw.strip().replaceAll("[\\s\\u00A0\\u2007\\u2009\\u202F$€£¥]", "");
        if (s.length() > 2 && s.startsWith("(") && s.endsWith(")")) {
            s = "-" + s.substring(1, s.length() - 1); // accounting negative: (12.50)
        }
        char group = mark == ',' ? '.' : ',';
        if ((mark == ',' ? COMMA : POINT).matcher(s).matches()) {
            return new BigDecimal(s.replace(String.valueOf(group), "").replace(mark, '.'));
        }
        if (s.indexOf(group) >= 0 && s.matches("[+-]?[\\d.,]+")) {
            throw new Unreadable(mark == '.'
                    ? "ambiguous with the decimal mark '.': a comma there can only group thousands (1,234.50); "
                            + "choose the decimal mark ',' if the file writes amounts like 12,50"
                    : "ambiguous with the decimal mark ',': a point there can only group thousands (1.234,50); "
                            + "choose the decimal mark '.' if the file writes amounts like 12.50");
        }
        throw new Unreadable("not a number");
    }
}
