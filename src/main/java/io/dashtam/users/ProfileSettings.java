package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A user's display settings (today: the time zone pages show times in), for the API and the web app alike. */
@Service
public class ProfileSettings {

    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private final JdbcClient jdbc;

    ProfileSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
