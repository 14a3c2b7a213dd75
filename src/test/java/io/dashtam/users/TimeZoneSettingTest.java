package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TimeZoneSettingTest {

    @Test
    void aKnownRegionIsKeptInItsCanonicalSpelling() {
        assertThat(new TimeZoneSetting("europe/berlin").id()).isEqualTo("Europe/Berlin");
        assertThat(new TimeZoneSetting(" America/Argentina/Buenos_Aires ").id())
                .isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(new TimeZoneSetting("utc").id()).isEqualTo("UTC");
        assertThat(TimeZoneSetting.parse("  ")).as("blank: the browser's zone").isNull();
        assertThat(TimeZoneSetting.parse(null)).isNull();
    }

    @Test
    void anythingElseIsA422NamingTheField() { // invalid input is a 422 in the API (DomainProblems)
        for (String bad : new String[] {"Mars/Olympus", "+02:00", "UTC+2", "Z", "", "Europe/Berlin\u0000",
            "x".repeat(TimeZoneSetting.MAX_LENGTH + 1), "../../etc/passwd"}) {
            assertThatThrownBy(() -> new TimeZoneSetting(bad)).as(bad).isInstanceOfSatisfying(
                    InvalidInputException.class, e -> {
                        assertThat(e.concerns("timeZone")).isTrue();
                        assertThat(e.getMessage()).startsWith("timeZone: ");
                    });
        }
        assertThatThrownBy(() -> new TimeZoneSetting(null)).isInstanceOf(InvalidInputException.class);
    }
}
