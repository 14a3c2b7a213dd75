package io.dashtam.users;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mailed single-use tokens, stored as SHA-256 only. Issuing a new one voids the user's older ones. */
@Repository
class OneTimeTokens {

    private final JdbcClient jdbc;

    OneTimeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Secret issue(UserId user, OneTimeToken.Purpose purpose, Instant now, Duration ttl) {
        jdbc.sql("UPDATE user_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", user.value()).param("purpose", purpose.column)
                .update();
        Secret token = Tokens.newToken();
        jdbc.sql("""
                INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at)
                VALUES (:hash, :user, :purpose, :now, :expires)""")
                .param("hash", Tokens.hash(token)).param("user", user.value()).param("purpose", purpose.column)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(ttl))).update();
        return token;
    }

    /** Redeems the token if it is one of {@code purpose} and still good; the row lock makes it single-use. */
    Optional<OneTimeToken> redeem(Secret token, OneTimeToken.Purpose purpose, Instant now) {
        byte[] hash = Tokens.hash(token);
        Optional<OneTimeToken> found = jdbc.sql("""
                SELECT user_id, expires_at, used_at FROM user_tokens
                WHERE token_hash = :hash AND purpose = :purpose FOR UPDATE""")
                .param("hash", hash).param("purpose", purpose.column)
                .query((rs, n) -> new OneTimeToken(new UserId(rs.getObject("user_id", UUID.class)), purpose,
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
                .optional().filter(t -> t.isRedeemable(now));
        found.ifPresent(t -> jdbc.sql("UPDATE user_tokens SET used_at = :now WHERE token_hash = :hash")
                .param("now", Timestamp.from(t.redeemed(now).usedAt())).param("hash", hash).update());
        return found;
    }

    int purge(Instant before) {
        return jdbc.sql("DELETE FROM user_tokens WHERE expires_at < :before").param("before", Timestamp.from(before))
                .update();
    }
}
