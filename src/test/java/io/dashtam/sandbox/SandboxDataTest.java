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
        assertThat(SandboxData.ACCOUNTS).extracting(SandboxData.Account::type).containsExactly("CASH", "MARGIN");
        assertThat(account.hashValue()).hasSize(64).isNotEqualTo(account.accountNumber());
    }
}
