package io.dashtam.web;

import io.dashtam.portfolio.Views;
import jakarta.servlet.http.Cookie;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Formatting for templates ({@code ${@fmt.money(...)}}): money from its exact decimal string through BigDecimal and
 * DecimalFormat (never a double), with the currency's digits and no precision dropped; times in the user's zone
 * (the browser's, sent by app.js as the {@code tz} cookie; UTC until then), with the UTC instant in the markup.
 */
@Component("fmt")
public class Format {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final ZoneId UTC_ZONE = ZoneId.of("UTC");

    public String money(Views.MoneyView money) {
        return money == null ? "—" : money(money.amount(), money.currency());
    }

    public String money(String amount, String currency) {
        if (amount == null) {
            return "—";
        }
        BigDecimal value = new BigDecimal(amount);
        String code = currency == null ? "" : currency.trim();
        int digits = 2;
        String symbol = code;
        try {
            Currency c = Currency.getInstance(code);
            digits = Math.max(0, c.getDefaultFractionDigits());
            symbol = c.getSymbol(Locale.US);
        } catch (IllegalArgumentException e) {
            // Not an ISO 4217 code: show the code itself with two digits.
        }
        String prefix = symbol.length() == 1 || "US$".equals(symbol) ? symbol : symbol + " ";
        return (value.signum() < 0 ? "-" : "") + prefix + number(value.abs(), digits);
    }

    /** A quantity or price: every digit it has, grouped. */
    public String decimal(String value) {
        return value == null ? "—" : number(new BigDecimal(value), 0);
    }

    private static String number(BigDecimal value, int minDigits) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        format.setMinimumFractionDigits(minDigits);
        format.setMaximumFractionDigits(Math.max(minDigits, Math.max(0, value.stripTrailingZeros().scale())));
        format.setParseBigDecimal(true);
        return format.format(value);
    }

    public boolean negative(String amount) {
        return amount != null && new BigDecimal(amount).signum() < 0;
    }

    public String time(Instant instant) {
        return instant == null ? "—" : LOCAL.format(instant.atZone(zone()));
    }

    public String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static ZoneId zone() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getCookies() != null) {
            for (Cookie c : attributes.getRequest().getCookies()) {
                if ("tz".equals(c.getName()) && c.getValue().length() <= 64) {
                    try {
                        return ZoneId.of(c.getValue());
                    } catch (DateTimeException e) {
                        return UTC_ZONE;
                    }
                }
            }
        }
        return UTC_ZONE;
    }
}
