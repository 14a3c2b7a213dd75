package io.dashtam.sandbox;

import io.dashtam.core.Hashing;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox authorization server's codes and tokens (hashes only), in the sandbox_grants table. */
@Repository
class SandboxGrants {

    /** An issued code or token. {@code expiresAt} of a refresh token is the grant's hard end. */
    record Grant(String kind, UUID grantId, String clientId, String redirectUri, String codeChallenge,
            Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    SandboxGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void issue(String token, String kind, UUID grantId, String clientId, String redirectUri, String challenge,
            Instant expiresAt, Instant now) {
        jdbc.sql("""
                INSERT INTO sandbox_grants (token_hash, kind, grant_id, client_id, redirect_uri, code_challenge,
                    expires_at, created_at) VALUES (:hash, :kind, :grant, :client, :redirect, :challenge, :expires, :now)""")
                .param("hash", Hashing.sha256(token)).param("kind", kind).param("grant", grantId)
                .param("client", clientId).param("redirect", redirectUri).param("challenge", challenge)
                .param("expires", Timestamp.from(expiresAt)).param("now", Timestamp.from(now)).update();
    }

    Optional<Grant> find(String token, String kind) {
        return jdbc.sql("SELECT * FROM sandbox_grants WHERE token_hash = :hash AND kind = :kind")
                .param("hash", Hashing.sha256(token)).param("kind", kind)
                .query((rs, n) -> new Grant(rs.getString("kind"), rs.getObject("grant_id", UUID.class),
                        rs.getString("client_id"), rs.getString("redirect_uri"), rs.getString("code_challenge"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
                .optional();
    }

    /** Single use: true for the one caller that marks it. */
    boolean use(String token, Instant now) {
        return jdbc.sql("UPDATE sandbox_grants SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .param("hash", Hashing.sha256(token)).param("now", Timestamp.from(now)).update() == 1;
    }

    /** A code presented twice burns the whole grant, as OAuth 2.0 recommends. */
    void revokeGrant(UUID grantId, Instant now) {
        jdbc.sql("UPDATE sandbox_grants SET expires_at = :now WHERE grant_id = :grant AND expires_at > :now")
                .param("grant", grantId).param("now", Timestamp.from(now)).update();
    }
}
