package io.dashtam.providers.connections;

import io.dashtam.providers.ProviderWarnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound on what a provider may make Dashtam store and show beside its data. */
class ProviderWarningsTest {

    @Test
    void controlAndDirectionCharactersGoBlanksCollapseEmptiesAndDuplicatesDrop() {
        var warnings = new ProviderWarnings(Arrays.asList("  Bank\u0000 A\tis\n\ndown\u202E ", null, " ", "Bank A is down",
                "\u200B"));
        assertThat(warnings.messages()).containsExactly("Bank A is down");
    }

    @Test
    void atMostTenMessagesOfThreeHundredCharacters() {
        List<String> many = new ArrayList<>(List.of("y".repeat(301)));
        for (int i = 0; i < 20; i++) {
            many.add("Bank " + i + " is down");
        }
        var warnings = new ProviderWarnings(many);
        assertThat(warnings.messages()).hasSize(ProviderWarnings.MAX_COUNT);
        assertThat(warnings.messages().get(0)).hasSize(ProviderWarnings.MAX_LENGTH).endsWith("y…");
        assertThat(warnings.messages().get(8)).isEqualTo("Bank 7 is down");
        assertThat(warnings.messages().get(9)).isEqualTo("… and 12 more messages from the provider");
        assertThat(new ProviderWarnings(many.subList(0, 10)).messages()).hasSize(10).doesNotContain(
                "… and 0 more messages from the provider");
    }

    @Test
    void noneIsEmptyAndImmutable() {
        assertThat(ProviderWarnings.of(null).isEmpty()).isTrue();
        assertThat(ProviderWarnings.of(List.of()).messages()).isEmpty();
        assertThat(ProviderWarnings.of(List.of("x")).messages()).containsExactly("x");
    }
}
