package io.dashtam.users;

import io.dashtam.core.InvalidInputException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's chosen time zone: an IANA region id the JDK's zone rules know ("Europe/Berlin", "UTC"), in its canonical
 * spelling whatever the case it was typed in. Bare offsets ("+02:00", "UTC+2") are refused: a region follows its
 * daylight-saving rules, where a fixed offset would be wrong half the year.
 */
record TimeZoneSetting(String id) {

    static final int MAX_LENGTH = 64;
    private static final Map<String, String> KNOWN = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(z -> z.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    TimeZoneSetting {
        String canonical = id == null || id.length() > MAX_LENGTH ? null
                : KNOWN.get(id.strip().toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw InvalidInputException.field("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC "
                    + "(or empty for the browser's)");
        }
        id = canonical;
    }

    /** Empty input means "no setting": the browser's zone is used. */
    static TimeZoneSetting parse(String text) {
        return text == null || text.isBlank() ? null : new TimeZoneSetting(text);
    }
}
