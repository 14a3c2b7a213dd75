package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.users.RefreshToken.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(30));
    private static final UUID SESSION = UUID.randomUUID();

    private static RefreshToken fresh() {
        return new RefreshToken(SESSION, ISSUED, EXPIRES, null, null);
    }

    @Test
    void aFreshTokenRotatesOnceAndIsThenUsedUp() {
        Instant now = ISSUED.plus(Duration.ofDays(1));
        assertThat(fresh().judge(now)).isEqualTo(Verdict.ROTATE);
        RefreshToken used = fresh().rotated(now);
        assertThat(used.rotatedAt()).isEqualTo(now);
        assertThat(used.judge(now)).isEqualTo(Verdict.REUSED);
        assertThatThrownBy(() -> used.rotated(now)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reuseIsDetectedEvenAfterExpiryOrRevocation() {
        RefreshToken rotatedThenRevoked = new RefreshToken(SESSION, ISSUED, EXPIRES, ISSUED.plusSeconds(5),
                ISSUED.plusSeconds(10));
        assertThat(rotatedThenRevoked.judge(EXPIRES.plusSeconds(1))).isEqualTo(Verdict.REUSED);
    }

    @Test
    void validFor30DaysExactly() {
        assertThat(fresh().judge(EXPIRES.minusMillis(1))).isEqualTo(Verdict.ROTATE);
        assertThat(fresh().judge(EXPIRES)).isEqualTo(Verdict.EXPIRED);
        assertThatThrownBy(() -> fresh().rotated(EXPIRES)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTokenOfARevokedSessionNeverRotates() {
        RefreshToken revoked = new RefreshToken(SESSION, ISSUED, EXPIRES, null, ISSUED.plusSeconds(60));
        assertThat(revoked.judge(ISSUED.plusSeconds(120))).isEqualTo(Verdict.SESSION_ENDED);
        assertThatThrownBy(() -> revoked.rotated(ISSUED.plusSeconds(120))).isInstanceOf(IllegalStateException.class);
    }
}
