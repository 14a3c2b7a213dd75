package io.dashtam.users;

import io.dashtam.core.Hashing;
import io.dashtam.core.UserId;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ten single-use recovery codes per user, for when the authenticator is lost: {@code xxxx-xxxx-xxxx-xxxx} in
 * lower-case base32 (80 random bits, so a SHA-256 of each is all that is kept). Shown once, when made.
 */
@Repository
class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws away the user's codes and makes {@value #COUNT} new ones; the only time they exist in clear. */
    List<String> replace(UserId user, Instant now) {
        delete(user);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            jdbc.sql("INSERT INTO user_recovery_codes (code_hash, user_id, created_at) VALUES (:hash, :user, :now)")
                    .param("hash", hash(code)).param("user", user.value()).param("now", Timestamp.from(now)).update();
        }
        return codes;
    }

    /** Uses the code up if it is one of the user's unused ones; the conditional update makes it good exactly once. */
    boolean redeem(UserId user, String code, Instant now) {
        String normalized = normalize(code);
        if (normalized.length() != 16) {
            return false;
        }
        return jdbc.sql("""
                UPDATE user_recovery_codes SET used_at = :now
                WHERE code_hash = :hash AND user_id = :user AND used_at IS NULL""")
                .param("now", Timestamp.from(now)).param("hash", Hashing.sha256(normalized))
                .param("user", user.value()).update() == 1;
    }

    int unused(UserId user) {
        return jdbc.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = :user AND used_at IS NULL")
                .param("user", user.value()).query(Integer.class).single();
    }

    void delete(UserId user) {
        jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = :user").param("user", user.value()).update();
    }

    /** Case, spaces and dashes do not matter: people copy codes by hand. */
    static String normalize(String code) {
        return code == null ? "" : code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private static byte[] hash(String code) {
        return Hashing.sha256(normalize(code));
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
