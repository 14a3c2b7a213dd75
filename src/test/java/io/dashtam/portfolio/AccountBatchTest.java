package io.dashtam.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class AccountBatchTest {

    @Test
    void anAccountIsStoredUnderTheSha256OfItsNumberAndShownByItsLastFour() {
        var account = new AccountBatch.Account("12345678", null, "CHECKING", Currency.getInstance("USD"));
        // Accounts stored by earlier versions must be found again: pinned, computed outside Java.
        assertThat(account.providerId()).isEqualTo("ef797c8118f02dfb649607dd5d3f8c7623048c9c063d532cc95c5ed7a898a64f");
        assertThat(account.masked()).endsWith("5678").doesNotContain("1234");
        assertThat(account.last4()).isEqualTo("5678");
    }
}
