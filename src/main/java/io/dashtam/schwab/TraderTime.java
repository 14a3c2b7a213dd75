package io.dashtam.schwab;

import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Date-times as the trader API writes them. */
final class TraderTime {

    /** Schwab writes offsets as {@code +00:00}, {@code +0000} or {@code Z}, with or without milliseconds. */
    static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").optionalStart().appendPattern(".SSS").optionalEnd()
            .optionalStart().appendPattern("XXX").optionalEnd().optionalStart().appendPattern("XX").optionalEnd()
            .toFormatter();

    private TraderTime() {
    }

    /**
     * The shapes Schwab sends ({@code 2024-03-28T21:10:42+0000}, {@code ...:42.000Z}, {@code ...+00:00}) read
     * without the general formatter, which costs more than the rest of a row's mapping; anything else, valid or
     * not, goes to the formatter (null here), so what is accepted and every error stay the same.
     */
    static OffsetDateTime fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        int at = 19;
        if (s.charAt(at) == '.') {
            if (n < 24) {
                return null;
            }
            int millis = digits(s, 20, 3);
            if (millis < 0) {
                return null;
            }
            nanos = millis * 1_000_000;
            at = 23;
        }
        ZoneOffset offset;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at + 5 == n || at + 6 == n && s.charAt(at + 3) == ':') {
            char sign = s.charAt(at);
            int hours = digits(s, at + 1, 2);
            int minutes = digits(s, n - 2, 2);
            int total = hours * 3600 + minutes * 60;
            if (!(sign == '+' || sign == '-' && total > 0) || hours < 0 || minutes < 0 || minutes > 59
                    || total > 18 * 3600) {
                return null;
            }
            offset = total == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
        } else {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    }

    /** The non-negative number in {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
