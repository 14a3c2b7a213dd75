package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class WordsTest {

    private final Words words = new Words();

    private static String sentence(String field, String message) {
        return Words.sentence(new InvalidInputException.FieldError(field, message));
    }

    @Test
    void fieldErrorsAreSentencesNotFieldColonMessage() {
        assertThat(sentence("provider", "must not be blank")).isEqualTo("Choose a provider.");
        assertThat(sentence("password", "is too common; choose another"))
                .isEqualTo("The password is too common; choose another.");
        assertThat(sentence("from", "must be a date like 2026-01-31"))
                .isEqualTo("The From date must be a date like 2026-01-31.");
        assertThat(sentence("alias", "size must be between 0 and 100"))
                .isEqualTo("The name is too long: at most 100 characters.");
        assertThat(sentence("csv.account.currency", "BTC is not an ISO 4217 currency"))
                .isEqualTo("BTC is not an ISO 4217 currency.");
        assertThat(sentence("someField", "must not be blank")).isEqualTo("The some field is required.");
        assertThat(Words.sentences(InvalidInputException.field("file", "choose a file to import")))
                .containsEntry("file", "Choose a file to import.");
    }

    @Test
    void typesAndStatusesInWords() {
        assertThat(words.type("DIVIDEND_OR_INTEREST")).isEqualTo("Dividend or interest");
        assertThat(words.type("ACH_RECEIPT")).isEqualTo("ACH deposit");
        assertThat(words.type("TRADE")).isEqualTo("Trade");
        assertThat(words.status("VALID")).isEqualTo("Posted");
        assertThat(words.status("PENDING")).isEqualTo("Pending");
        assertThat(words.pending("PENDING")).isTrue();
        assertThat(words.pending("VALID")).isFalse();
        assertThat(words.connection("reauth_required")).isEqualTo("Reconnect soon");
        assertThat(words.connection("pending")).isEqualTo("Not connected yet");
    }

    @Test
    void aSessionsDeviceAndAddressAsPeopleSayThem() {
        assertThat(words.device("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/140.0.0.0 Safari/537.36")).isEqualTo("Chrome on Linux");
        assertThat(words.device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iPhone");
        assertThat(words.device("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"))
                .isEqualTo("Firefox on Windows");
        assertThat(words.device("curl/8.5.0")).isEqualTo("curl");
        assertThat(words.device(null)).isEqualTo("Unknown device");
        assertThat(words.address("0:0:0:0:0:0:0:1")).isEqualTo("::1 (this computer)");
        assertThat(words.address("127.0.0.1")).isEqualTo("127.0.0.1 (this computer)");
        assertThat(words.address("2001:0db8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(words.address("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(words.address("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
