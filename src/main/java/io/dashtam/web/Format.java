package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.portfolio.Views;
import io.dashtam.users.ProfileSettings;
import io.dashtam.users.SessionService;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Formatting for templates ({@code ${@fmt.money(...)}}): money from its exact decimal string through BigDecimal and
 * exact digit grouping (never a double), with the currency's digits and no precision dropped; times in the user's zone
 * (the profile's setting; else the browser's, sent by app.js as the {@code tz} cookie; else UTC), looked up once per
 * request, with the UTC instant in the markup.
 */
@Component("fmt")
public class Format {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final ZoneId UTC_ZONE = ZoneId.of("UTC");
    private static final String ZONE = Format.class.getName() + ".zone";
    private static final String ZONE_SOURCE = Format.class.getName() + ".zoneSource";

    private final Function<AuthenticatedUser, Optional<ZoneId>> chosenZone;

    @Autowired
    public Format(ProfileSettings settings) {
        this(settings::timeZone);
    }

    Format(Function<AuthenticatedUser, Optional<ZoneId>> chosenZone) {
        this.chosenZone = chosenZone;
    }

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

    /** A return given as a ratio ("0.1234") as a percentage with two decimals ("12.34%"); null as a dash. */
    public String percent(String ratio) {
        if (ratio == null) {
            return "—";
        }
        BigDecimal p = new BigDecimal(ratio).movePointRight(2).setScale(2, java.math.RoundingMode.HALF_EVEN);
        return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
    }

    /** A quantity or price: every digit it has, grouped. */
    public String decimal(String value) {
        return value == null ? "—" : number(new BigDecimal(value), 0);
    }

    /**
     * Grouped digits from the exact decimal string: at least {@code minDigits} decimals, every further digit the value
     * has, nothing rounded. (A DecimalFormat per amount was a tenth of a dashboard's render time.)
     */
    static String number(BigDecimal value, int minDigits) {
        BigDecimal stripped = value.stripTrailingZeros();
        String plain = (stripped.scale() < minDigits ? stripped.setScale(Math.max(0, minDigits)) : stripped)
                .toPlainString();
        boolean negative = plain.startsWith("-");
        int start = negative ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3 + 1);
        if (negative) {
            out.append('-');
        }
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
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

    /** The zone this request's pages show times in: the user's setting, else the browser's, else UTC. */
    ZoneId zone() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return UTC_ZONE;
        }
        HttpServletRequest request = attributes.getRequest();
        if (request.getAttribute(ZONE) instanceof ZoneId cached) {
            return cached;
        }
        String source = "utc";
        ZoneId zone = null;
        if (request.getAttribute(SessionCookieFilter.USER) instanceof SessionService.BrowserUser user) {
            try {
                zone = chosenZone.apply(user.user()).orElse(null);
                source = zone == null ? source : "profile";
            } catch (RuntimeException e) {
                // The database is out (e.g. while rendering the error page that says so): the browser's zone.
            }
        }
        if (zone == null) {
            zone = browserZone(request);
            source = zone == null ? source : "browser";
        }
        zone = zone == null ? UTC_ZONE : zone;
        request.setAttribute(ZONE, zone);
        request.setAttribute(ZONE_SOURCE, source);
        return zone;
    }

    /** For the footer: which zone times are in and where that came from. */
    public String zoneNote() {
        ZoneId zone = zone();
        Object source = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getAttribute(ZONE_SOURCE) : "utc";
        return "Times in " + zone.getId() + switch (String.valueOf(source)) {
            case "profile" -> " (your setting)";
            case "browser" -> " (from your browser)";
            default -> "";
        } + "; hover a time for UTC.";
    }

    /** The {@code tz} cookie app.js sets from the browser; ignored unless it names a zone the rules know. */
    private static ZoneId browserZone(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if ("tz".equals(c.getName()) && c.getValue().length() <= 64) {
                    try {
                        return ZoneId.of(c.getValue());
                    } catch (DateTimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
