package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.portfolio.PortfolioService;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's display settings, for the API and the web app alike: the time zone pages show times in, and the base
 * currency totals, history and returns are converted into (unset: the currency of the user's first open account,
 * else USD; so it never changes under a user who did not choose one unless that account goes).
 */
@Service
public class ProfileSettings {

    /** The base currency of a user with no setting and no account yet. */
    public static final String FALLBACK_CURRENCY = "USD";
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private final JdbcClient jdbc;
    private final PortfolioService portfolio;

    ProfileSettings(JdbcClient jdbc, PortfolioService portfolio) {
        this.jdbc = jdbc;
        this.portfolio = portfolio;
    }

    /** Every zone a user may choose, sorted (for the settings page's suggestions). */
    public List<String> zones() {
        return ZONES;
    }

    /** The user's chosen zone, or empty: use the browser's (also if a later JDK no longer knows the stored id). */
    public Optional<ZoneId> timeZone(AuthenticatedUser caller) {
        return jdbc.sql("SELECT time_zone FROM users WHERE id = :id").param("id", caller.id().value())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(z -> z)
                .flatMap(ProfileSettings::zone);
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Sets (or, with blank, clears) the zone; a zone the rules do not know is refused (422) and nothing is stored.
     * Returns the stored canonical id, or empty when cleared.
     */
    public Optional<String> setTimeZone(AuthenticatedUser caller, String zone) {
        TimeZoneSetting setting = TimeZoneSetting.parse(zone);
        String id = setting == null ? null : setting.id();
        jdbc.sql("UPDATE users SET time_zone = :zone WHERE id = :id").param("zone", id)
                .param("id", caller.id().value()).update();
        return Optional.ofNullable(id);
    }

    /** The whole settings document at once: both are checked before either is stored. */
    @Transactional
    public void update(AuthenticatedUser caller, String timeZone, String baseCurrency) {
        TimeZoneSetting.parse(timeZone);
        BaseCurrencySetting.parse(baseCurrency);
        setTimeZone(caller, timeZone);
        setBaseCurrency(caller, baseCurrency);
    }

    /** The chosen base currency, else the first open account's currency, else {@link #FALLBACK_CURRENCY}. */
    public String baseCurrency(AuthenticatedUser caller) {
        return chosenBaseCurrency(caller).or(() -> portfolio.firstAccountCurrency(caller)).orElse(FALLBACK_CURRENCY);
    }

    /** The base currency the user chose, if any. */
    public Optional<String> chosenBaseCurrency(AuthenticatedUser caller) {
        return jdbc.sql("SELECT currency FROM user_base_currency WHERE user_id = :u").param("u", caller.id().value())
                .query(String.class).optional().map(String::strip);
    }

    /**
     * Sets (or, with blank, clears: back to the first account's) the base currency; a code that is not ISO 4217 is
     * refused (422) and nothing is stored. Returns the base currency in effect afterwards.
     */
    public String setBaseCurrency(AuthenticatedUser caller, String currency) {
        BaseCurrencySetting setting = BaseCurrencySetting.parse(currency);
        if (setting == null) {
            jdbc.sql("DELETE FROM user_base_currency WHERE user_id = :u").param("u", caller.id().value()).update();
        } else {
            jdbc.sql("""
                    INSERT INTO user_base_currency (user_id, currency) VALUES (:u, :c)
                    ON CONFLICT (user_id) DO UPDATE SET currency = excluded.currency""")
                    .param("u", caller.id().value()).param("c", setting.code()).update();
        }
        return baseCurrency(caller);
    }
}
