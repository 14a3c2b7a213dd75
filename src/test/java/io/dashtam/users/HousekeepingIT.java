package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hourly purge (schedulers are off in tests, so it is called directly) keeps only state that can matter. */
class HousekeepingIT extends UsersIntegrationTest {

    @Autowired
    UsersHousekeeping housekeeping;

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void purgeDropsOnlyStateNobodyCanUse() {
        var user = newUser();
        long accounts = count("users"); // with the template's disabled owner
        api().post("/api/v1/sessions", Map.of("email", "nobody@example.org", "password", "wrong-Password-1x"));
        assertThat(count("rate_limit_counters")).isPositive();
        assertThat(count("login_lockouts")).isPositive();

        housekeeping.purge();
        assertThat(count("user_sessions")).as("a live session stays").isEqualTo(1);
        assertThat(count("outbox")).isEqualTo(1);
        assertThat(count("rate_limit_counters")).isPositive();

        clock.advance(Duration.ofDays(38)); // session expired 30 d after login, plus the 7-day grace
        housekeeping.purge();
        assertThat(count("rate_limit_counters")).isZero();
        assertThat(count("login_lockouts")).isZero();
        assertThat(count("user_sessions")).isZero();
        assertThat(count("refresh_tokens")).isZero();
        assertThat(count("user_tokens")).isZero();
        assertThat(count("outbox")).isZero();
        assertThat(count("users")).as("accounts are never purged").isEqualTo(accounts);
        assertThat(auditActions(user.userId())).isNotEmpty();
    }
}
