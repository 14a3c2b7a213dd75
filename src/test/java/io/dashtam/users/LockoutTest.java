package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private static final Lockout.Policy POLICY = new Lockout.Policy(5, Duration.ofMinutes(15));
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Lockout fail(Lockout state, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            state = state.afterFailure(at, POLICY);
        }
        return state;
    }

    @Test
    void fourFailuresDoNotLockTheFifthDoesFor15Minutes() {
        Lockout four = fail(Lockout.NONE, 4, T0);
        assertThat(four.isLocked(T0)).isFalse();
        assertThat(four.failures()).isEqualTo(4);

        Lockout five = four.afterFailure(T0, POLICY);
        assertThat(five.isLocked(T0)).isTrue();
        assertThat(five.justLocked(T0)).isTrue();
        assertThat(five.isLocked(T0.plus(Duration.ofMinutes(15)).minusMillis(1))).isTrue();
        assertThat(five.isLocked(T0.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(five.retryAfterSeconds(T0)).isEqualTo(900);
        assertThat(five.retryAfterSeconds(T0.plusMillis(899_001))).isEqualTo(1);
    }

    @Test
    void aSuccessResetsTheCountSoOnlyConsecutiveFailuresCount() {
        Lockout four = fail(Lockout.NONE, 4, T0);
        Lockout afterSuccess = four.afterSuccess(T0);
        assertThat(afterSuccess).isEqualTo(Lockout.NONE);
        assertThat(fail(afterSuccess, 4, T0).isLocked(T0)).isFalse();
    }

    @Test
    void aLockedAccountCanNeitherFailNorSucceedUntilTheLockEnds() {
        Lockout locked = fail(Lockout.NONE, 5, T0);
        Instant during = T0.plus(Duration.ofMinutes(10));
        assertThatThrownBy(() -> locked.afterFailure(during, POLICY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> locked.afterSuccess(during)).isInstanceOf(IllegalStateException.class);
        Instant after = T0.plus(Duration.ofMinutes(16));
        assertThat(locked.afterSuccess(after)).isEqualTo(Lockout.NONE);
    }

    @Test
    void afterALockEndsFiveFreshFailuresAreNeededToLockAgain() {
        Lockout locked = fail(Lockout.NONE, 5, T0);
        Instant after = T0.plus(Duration.ofMinutes(15));
        Lockout four = fail(locked, 4, after);
        assertThat(four.isLocked(after)).isFalse();
        assertThat(four.afterFailure(after, POLICY).isLocked(after)).isTrue();
    }

    @Test
    void policyAndStateRejectNonsense() {
        assertThatThrownBy(() -> new Lockout.Policy(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout.Policy(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Lockout.NONE.retryAfterSeconds(T0)).isZero();
    }
}
