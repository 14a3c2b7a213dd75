package io.dashtam.simplefinsandbox;

import io.dashtam.core.Hashing;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox bridge's setup tokens and access credentials, hashed, in PostgreSQL (so every replica agrees). */
@Repository
class SandboxBridgeAccess {

    private final JdbcClient jdbc;

    SandboxBridgeAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void issue(String token, Instant now) {
        jdbc.sql("INSERT INTO simplefin_sandbox_access (token_hash, created_at) VALUES (:hash, :now)")
                .param("hash", Hashing.sha256(token)).param("now", Timestamp.from(now)).update();
    }

    /** Single use: true for the one claim that sets the credentials; a second or unknown claim gets false. */
    boolean claim(String token, String user, String password, Instant now) {
        return jdbc.sql("""
                UPDATE simplefin_sandbox_access SET access_user = :user, password_hash = :pass, claimed_at = :now
                WHERE token_hash = :hash AND claimed_at IS NULL""")
                .param("hash", Hashing.sha256(token)).param("user", user).param("pass", Hashing.sha256(password))
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** The access user when the credentials match and were not revoked. */
    Optional<String> authenticate(String user, String password) {
        return jdbc.sql("""
                SELECT access_user FROM simplefin_sandbox_access
                WHERE access_user = :user AND password_hash = :pass AND revoked_at IS NULL""")
                .param("user", user).param("pass", Hashing.sha256(password)).query(String.class).optional();
    }

    boolean revoke(String user, Instant now) {
        return jdbc.sql("""
                UPDATE simplefin_sandbox_access SET revoked_at = :now WHERE access_user = :user AND revoked_at IS NULL""")
                .param("user", user).param("now", Timestamp.from(now)).update() == 1;
    }
}
