package io.dashtam.users;

import static io.dashtam.users.RegistrationMode.Admission.ALLOWED;
import static io.dashtam.users.RegistrationMode.Admission.FIRST_ADMIN;
import static io.dashtam.users.RegistrationMode.Admission.NEEDS_VALID_INVITE;
import static io.dashtam.users.RegistrationMode.Admission.REFUSED_CLOSED;
import static io.dashtam.users.RegistrationMode.Admission.REFUSED_NO_INVITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The registration setting's rule, the invite's life, and the invite token's shape: no Spring, no database. */
class RegistrationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");

    @Test
    void theFirstAccountOfAnEmptyInstallIsAlwaysAdmittedAsAdmin() {
        for (RegistrationMode mode : RegistrationMode.values()) {
            assertThat(mode.admit(true, false)).as(mode.name()).isEqualTo(FIRST_ADMIN);
            assertThat(mode.admit(true, true)).as(mode.name()).isEqualTo(FIRST_ADMIN);
        }
    }

    @Test
    void afterThatEachModeDecides() {
        assertThat(RegistrationMode.OPEN.admit(false, false)).isEqualTo(ALLOWED);
        assertThat(RegistrationMode.OPEN.admit(false, true)).isEqualTo(NEEDS_VALID_INVITE);
        assertThat(RegistrationMode.INVITE_ONLY.admit(false, false)).isEqualTo(REFUSED_NO_INVITE);
        assertThat(RegistrationMode.INVITE_ONLY.admit(false, true)).isEqualTo(NEEDS_VALID_INVITE);
        assertThat(RegistrationMode.CLOSED.admit(false, false)).isEqualTo(REFUSED_CLOSED);
        assertThat(RegistrationMode.CLOSED.admit(false, true)).isEqualTo(REFUSED_CLOSED);
        assertThat(REFUSED_CLOSED.refused()).isTrue();
        assertThat(REFUSED_NO_INVITE.refused()).isTrue();
        assertThat(NEEDS_VALID_INVITE.refused()).isFalse();
        assertThat(RegistrationMode.INVITE_ONLY.value()).isEqualTo("invite-only");
    }

    @Test
    void anInviteIsGoodOnceUntilItExpires() {
        UserId admin = UserId.random();
        Invite invite = Invite.create(admin, NOW, Duration.ofDays(7));
        assertThat(invite.state(NOW)).isEqualTo(Invite.State.OPEN);
        assertThat(invite.state(NOW.plus(Duration.ofDays(7)).minusMillis(1))).isEqualTo(Invite.State.OPEN);
        assertThat(invite.state(NOW.plus(Duration.ofDays(7)))).isEqualTo(Invite.State.EXPIRED);

        UserId newcomer = UserId.random();
        Invite used = invite.usedBy(newcomer, NOW.plusSeconds(60));
        assertThat(used.state(NOW.plusSeconds(61))).isEqualTo(Invite.State.USED);
        assertThat(used.state(NOW.plus(Duration.ofDays(30)))).as("used stays used after expiry")
                .isEqualTo(Invite.State.USED);
        assertThat(used.usedBy()).isEqualTo(newcomer);
        assertThatThrownBy(() -> used.usedBy(UserId.random(), NOW.plusSeconds(62)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> invite.usedBy(newcomer, NOW.plus(Duration.ofDays(8))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Invite.create(admin, NOW, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAnOpenInviteCanBeRevokedAndRevokedIsFinal() {
        UserId admin = UserId.random();
        Invite invite = Invite.create(admin, NOW, Duration.ofDays(7));
        UserId other = UserId.random();
        Invite revoked = invite.revokedBy(other, NOW.plusSeconds(10));
        assertThat(revoked.state(NOW.plusSeconds(10))).isEqualTo(Invite.State.REVOKED);
        assertThat(revoked.state(NOW.plus(Duration.ofDays(30)))).as("revoked stays revoked after expiry")
                .isEqualTo(Invite.State.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo(other);
        assertThat(revoked.revokedAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(revoked.usedAt()).isNull();

        assertThatThrownBy(() -> revoked.usedBy(UserId.random(), NOW.plusSeconds(11)))
                .as("a revoked link registers nobody").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> revoked.revokedBy(admin, NOW.plusSeconds(11)))
                .isInstanceOf(IllegalStateException.class);
        Invite used = invite.usedBy(UserId.random(), NOW.plusSeconds(5));
        assertThatThrownBy(() -> used.revokedBy(admin, NOW.plusSeconds(6))).as("used is final")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> invite.revokedBy(admin, NOW.plus(Duration.ofDays(7))))
                .as("an expired invite is not revoked").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Invite(invite.id(), admin, NOW, NOW.plusSeconds(60), NOW, other, NOW, admin))
                .as("used and revoked at once").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModeIsReadOnlyInItsOwnSpelling() {
        for (RegistrationMode mode : RegistrationMode.values()) {
            assertThat(RegistrationMode.parse(mode.value())).contains(mode);
        }
        for (String bad : new String[] {null, "", "OPEN", " open", "invite_only", "INVITE_ONLY", "closed\u0000"}) {
            assertThat(RegistrationMode.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void anInviteTokenHasOneShapeAndNeverPrints() {
        InviteToken token = InviteToken.random();
        assertThat(token.value()).hasSize(43);
        assertThat(token.toString()).doesNotContain(token.value()).contains("redacted");
        assertThat(token.hash()).hasSize(32).isEqualTo(new InviteToken(token.value()).hash());
        for (String bad : new String[] {null, "", "short", "x".repeat(44), "x".repeat(100_000),
                "a".repeat(42) + "\0", "a".repeat(42) + "=", "<script>alert(1)</script>" + "a".repeat(18)}) {
            assertThatThrownBy(() -> new InviteToken(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad == null ? "\u0001" : bad.isEmpty() ? "\u0001" : bad);
        }
    }
}
