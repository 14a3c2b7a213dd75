package io.dashtam.users;

import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which account an OpenID issuer's subject signs in to ({@code user_identities}). */
@Repository
class Identities {

    private final JdbcClient jdbc;

    Identities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The linked account, with the link's last use written in the same statement. */
    Optional<UserId> use(String issuer, String subject, Instant now) {
        return jdbc.sql("""
                UPDATE user_identities SET last_used_at = :now WHERE issuer = :issuer AND subject = :subject
                RETURNING user_id""")
                .param("now", Timestamp.from(now)).param("issuer", issuer).param("subject", subject)
                .query((rs, row) -> new UserId(rs.getObject("user_id", UUID.class))).optional();
    }

    /** False when the subject is already linked (a racing first sign-in of the same person won). */
    boolean link(String issuer, String subject, UserId user, Instant now) {
        return jdbc.sql("""
                INSERT INTO user_identities (issuer, subject, user_id, created_at, last_used_at)
                VALUES (:issuer, :subject, :user, :now, :now) ON CONFLICT DO NOTHING""")
                .param("issuer", issuer).param("subject", subject).param("user", user.value())
                .param("now", Timestamp.from(now)).update() == 1;
    }
}
