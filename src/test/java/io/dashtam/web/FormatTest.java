package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.UserId;
import io.dashtam.portfolio.Views;
import io.dashtam.users.SessionService;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class FormatTest {

    private final Format fmt = new Format(user -> Optional.empty());

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static MockHttpServletRequest request(String tzCookie, boolean signedIn) {
        var request = new MockHttpServletRequest();
        if (tzCookie != null) {
            request.setCookies(new Cookie("tz", tzCookie));
        }
        if (signedIn) {
            request.setAttribute(SessionCookieFilter.USER, new SessionService.BrowserUser(new AuthenticatedUser(
                    new UserId(UUID.randomUUID()), UUID.randomUUID(), Set.of("user")), "a@example.org", "A"));
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    @Test
    void moneyIsFormattedFromItsDecimalStringWithTheCurrencysDigits() {
        assertThat(fmt.money("1234.5", "USD")).isEqualTo("$1,234.50");
        assertThat(fmt.money("-12.5", "USD")).isEqualTo("-$12.50");
        assertThat(fmt.money("90071992547409930.07", "USD")).isEqualTo("$90,071,992,547,409,930.07");
        assertThat(fmt.money("1500", "JPY")).isEqualTo("¥1,500");
        assertThat(fmt.money("7.1", "CAD")).isEqualTo("CA$ 7.10");
        assertThat(fmt.money("0.125", "USD")).isEqualTo("$0.125");
        assertThat(fmt.money("10", "XYZ1")).isEqualTo("XYZ1 10.00");
        assertThat(fmt.money((Views.MoneyView) null)).isEqualTo("—");
    }

    @Test
    void quantitiesKeepEveryDigit() {
        assertThat(fmt.decimal("1234.56789")).isEqualTo("1,234.56789");
        assertThat(fmt.decimal("10")).isEqualTo("10");
        assertThat(fmt.decimal("-1234567.000100")).isEqualTo("-1,234,567.0001");
        assertThat(fmt.decimal("1E+3")).isEqualTo("1,000");
        assertThat(fmt.decimal("0.00000001")).isEqualTo("0.00000001");
        assertThat(fmt.decimal("-0.5")).isEqualTo("-0.5");
        assertThat(fmt.decimal("999")).isEqualTo("999");
        assertThat(fmt.decimal("100000")).isEqualTo("100,000");
        assertThat(fmt.money("1E+2", "USD")).isEqualTo("$100.00");
        assertThat(fmt.money("-1000000.999", "EUR")).isEqualTo("-€1,000,000.999");
    }

    @Test
    void timesOutsideARequestAreUtcWithTheInstantInTheMarkup() {
        Instant at = Instant.parse("2026-11-29T17:05:00Z");
        assertThat(fmt.time(at)).isEqualTo("29 Nov 2026, 17:05 UTC");
        assertThat(fmt.utc(at)).isEqualTo("2026-11-29 17:05:00 UTC");
        assertThat(fmt.iso(at)).isEqualTo("2026-11-29T17:05:00Z");
    }

    @Test
    void theProfilesZoneWinsOverTheBrowsersWhichWinsOverUtc() {
        Instant at = Instant.parse("2026-07-01T12:00:00Z");
        var berlin = new Format(user -> Optional.of(ZoneId.of("Europe/Berlin")));
        request("Asia/Tokyo", true);
        assertThat(berlin.time(at)).isEqualTo("1 Jul 2026, 14:00 CEST");
        assertThat(berlin.zoneNote()).isEqualTo("Times in Europe/Berlin (your setting); hover a time for UTC.");

        request("Asia/Tokyo", true);
        assertThat(fmt.time(at)).isEqualTo("1 Jul 2026, 21:00 JST");
        assertThat(fmt.zoneNote()).startsWith("Times in Asia/Tokyo (from your browser)");

        request("Not/AZone", true);
        assertThat(fmt.time(at)).isEqualTo("1 Jul 2026, 12:00 UTC");
        request(null, false);
        assertThat(berlin.time(at)).as("signed out: no profile to ask").isEqualTo("1 Jul 2026, 12:00 UTC");
        assertThat(berlin.zoneNote()).isEqualTo("Times in UTC; hover a time for UTC.");
    }
}
