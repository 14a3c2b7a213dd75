package io.dashtam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SandboxDataTest {

    @Test
    void sandboxDataIsDeterministicAndPendingPostsUnderTheSameId() {
        var account = SandboxData.ACCOUNTS.get(0);
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        var first = SandboxData.transactions(account, now.minus(Duration.ofDays(365)), now, now);
        assertThat(first).isEqualTo(SandboxData.transactions(account, now.minus(Duration.ofDays(365)), now, now));
        assertThat(first.size()).isGreaterThan(60);
        var recent = SandboxData.transactions(account, now.minus(Duration.ofDays(10)), now, now);
        var pending = recent.stream().filter(t -> t.get("status").equals("PENDING")).findFirst().orElseThrow();
        var later = SandboxData.transactions(account, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(5)),
                now.plus(Duration.ofDays(5)));
        assertThat(later).anySatisfy(t -> {
            assertThat(t.get("activityId")).isEqualTo(pending.get("activityId"));
            assertThat(t.get("status")).isEqualTo("VALID");
        });
        assertThat(SandboxData.ACCOUNTS).extracting(SandboxData.SandboxAccount::type).containsExactly("CASH", "MARGIN");
        assertThat(account.hashValue()).hasSize(64).isNotEqualTo(account.accountNumber());
    }

    @Test
    void accountHashIsTheUpperCaseSha256OfTheSaltedNumber() {
        // The hashValue is a stable key clients keep (the account's fetch key): pinned, computed outside Java.
        assertThat(SandboxData.hash("12345678"))
                .isEqualTo("502DACBF6F5193209B1C03B97D646005EC4DA150E143C13947E8837A53258B2C");
    }
}
