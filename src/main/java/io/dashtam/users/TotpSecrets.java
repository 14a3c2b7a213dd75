package io.dashtam.users;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UserId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each user's TOTP secret, sealed with AES-256-GCM under {@code DASHTAM_ENCRYPTION_KEYS} like provider tokens: the
 * row keeps the key id, and the associated data ({@code user_totp:<user id>}) binds the ciphertext to its owner, so
 * a secret copied onto another user's row does not open. A secret sealed under an older key is sealed again under
 * the active one the next time it is used.
 */
@Repository
class TotpSecrets {

    private final JdbcClient jdbc;
    private final AesGcm aes;

    TotpSecrets(JdbcClient jdbc, @Value("${dashtam.crypto.encryption-keys}") String keys) {
        this.jdbc = jdbc;
        this.aes = new AesGcm(KeyRing.parse("DASHTAM_ENCRYPTION_KEYS", keys));
    }

    /** A user's secret, opened, with its state. {@code confirmedAt} null: enrolment awaits its first code. */
    record Stored(byte[] secret, String keyId, Instant confirmedAt, Long lastStep) {
        boolean confirmed() {
            return confirmedAt != null;
        }

        @Override
        public String toString() {
            return "Stored[keyId=" + keyId + ", confirmed=" + confirmed() + "]";
        }
    }

    /** Replaces any unconfirmed secret of the user with {@code secret}; a confirmed one is never overwritten. */
    boolean savePending(UserId user, byte[] secret, Instant now) {
        AesGcm.Sealed sealed = aes.encrypt(secret, aad(user));
        return jdbc.sql("""
                INSERT INTO user_totp (user_id, key_id, sealed, created_at) VALUES (:user, :key, :sealed, :now)
                ON CONFLICT (user_id) DO UPDATE SET key_id = EXCLUDED.key_id, sealed = EXCLUDED.sealed,
                    created_at = EXCLUDED.created_at, last_step = NULL
                WHERE user_totp.confirmed_at IS NULL""")
                .param("user", user.value()).param("key", sealed.keyId()).param("sealed", sealed.sealed())
                .param("now", Timestamp.from(now)).update() == 1;
    }

    Optional<Stored> find(UserId user) {
        return read(user, "");
    }

    /** The row locked until the transaction ends: two sign-ins with one code are judged one after the other. */
    Optional<Stored> lock(UserId user) {
        return read(user, " FOR UPDATE");
    }

    private Optional<Stored> read(UserId user, String suffix) {
        return jdbc.sql("SELECT key_id, sealed, confirmed_at, last_step FROM user_totp WHERE user_id = :user" + suffix)
                .param("user", user.value())
                .query((rs, n) -> {
                    String keyId = rs.getString("key_id");
                    byte[] secret = aes.decrypt(new AesGcm.Sealed(keyId, rs.getBytes("sealed")), aad(user));
                    Timestamp confirmed = rs.getTimestamp("confirmed_at");
                    long step = rs.getLong("last_step");
                    return new Stored(secret, keyId, confirmed == null ? null : confirmed.toInstant(),
                            rs.wasNull() ? null : step);
                })
                .optional();
    }

    void confirm(UserId user, long step, Instant now) {
        jdbc.sql("UPDATE user_totp SET confirmed_at = :now, last_step = :step WHERE user_id = :user")
                .param("now", Timestamp.from(now)).param("step", step).param("user", user.value()).update();
    }

    /** Records the step just accepted (only forward), re-sealing under the active key when an older one made it. */
    boolean used(UserId user, Stored stored, long step) {
        boolean moved = jdbc.sql("""
                UPDATE user_totp SET last_step = :step
                WHERE user_id = :user AND (last_step IS NULL OR last_step < :step)""")
                .param("step", step).param("user", user.value()).update() == 1;
        if (moved && !stored.keyId().equals(aes.activeKeyId())) {
            AesGcm.Sealed sealed = aes.encrypt(stored.secret(), aad(user));
            jdbc.sql("UPDATE user_totp SET key_id = :key, sealed = :sealed WHERE user_id = :user")
                    .param("key", sealed.keyId()).param("sealed", sealed.sealed()).param("user", user.value())
                    .update();
        }
        return moved;
    }

    boolean delete(UserId user) {
        return jdbc.sql("DELETE FROM user_totp WHERE user_id = :user").param("user", user.value()).update() == 1;
    }

    private static byte[] aad(UserId user) {
        return ("user_totp:" + user.value()).getBytes(StandardCharsets.UTF_8);
    }
}
