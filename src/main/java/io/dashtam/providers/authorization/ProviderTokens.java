package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.providers.ConnectionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The provider_tokens table. Only sealed bytes are stored; see {@link TokenCipher}. */
@Repository
public class ProviderTokens {

    private final JdbcClient jdbc;

    public ProviderTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new grant (or replaces the previous one after a re-authorization). */
    public void put(StoredTokens t, Instant now) {
        jdbc.sql("""
                INSERT INTO provider_tokens (connection_id, key_id, sealed, token_type, scope, access_expires_at,
                    refresh_expires_at, next_refresh_at, refresh_failures, last_error, refreshed_at, updated_at)
                VALUES (:id, :key, :sealed, :type, :scope, :access, :refresh, :next, 0, NULL, :refreshed, :now)
                ON CONFLICT (connection_id) DO UPDATE SET key_id = EXCLUDED.key_id, sealed = EXCLUDED.sealed,
                    token_type = EXCLUDED.token_type, scope = EXCLUDED.scope,
                    access_expires_at = EXCLUDED.access_expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
                    next_refresh_at = EXCLUDED.next_refresh_at, refresh_failures = 0, last_error = NULL,
                    refreshed_at = EXCLUDED.refreshed_at, updated_at = EXCLUDED.updated_at, refresh_claim = NULL,
                    refresh_claimed_until = NULL""")
                .param("id", t.connectionId().value()).param("key", t.sealed().keyId())
                .param("sealed", t.sealed().sealed()).param("type", t.tokenType()).param("scope", t.scope())
                .param("access", ts(t.accessExpiresAt())).param("refresh", ts(t.refreshExpiresAt()))
                .param("next", ts(t.nextRefreshAt())).param("refreshed", ts(t.refreshedAt()))
                .param("now", ts(now)).update();
    }

    public Optional<StoredTokens> find(ConnectionId id) {
        return jdbc.sql("SELECT * FROM provider_tokens WHERE connection_id = :id").param("id", id.value())
                .query(ProviderTokens::map).optional();
    }

    /** Waits for whoever holds the row (e.g. a refresh in flight), then holds it for this transaction. */
    Optional<StoredTokens> lock(ConnectionId id) {
        return jdbc.sql("SELECT * FROM provider_tokens WHERE connection_id = :id FOR UPDATE")
                .param("id", id.value()).query(ProviderTokens::map).optional();
    }

    /** Claims one due row no other transaction holds: with several instances each row is refreshed once. */
    Optional<StoredTokens> claimDue(Instant now) {
        return jdbc.sql("""
                SELECT t.* FROM provider_tokens t JOIN provider_connections c ON c.id = t.connection_id
                WHERE t.next_refresh_at <= :now AND t.refresh_expires_at > :now
                  AND c.status IN ('active', 'reauth_required')
                  AND (t.refresh_claimed_until IS NULL OR t.refresh_claimed_until <= :now)
                ORDER BY t.next_refresh_at LIMIT 1
                FOR UPDATE OF t SKIP LOCKED""")
                .param("now", ts(now)).query(ProviderTokens::map).optional();
    }

    /**
     * Claims a locked row for a refresh until {@code until}, unless another live claim holds it: the refresh then
     * calls the provider with no transaction open, and only the claim's holder may store what it brought back.
     */
    boolean claimRefresh(ConnectionId id, UUID claim, Instant until, Instant now) {
        return jdbc.sql("""
                UPDATE provider_tokens SET refresh_claim = :claim, refresh_claimed_until = :until
                WHERE connection_id = :id AND (refresh_claimed_until IS NULL OR refresh_claimed_until <= :now)""")
                .param("claim", claim).param("until", ts(until)).param("now", ts(now)).param("id", id.value())
                .update() == 1;
    }

    /** Whether {@code claim} still holds the (locked) row. */
    boolean holdsClaim(ConnectionId id, UUID claim) {
        return jdbc.sql("SELECT refresh_claim = :claim FROM provider_tokens WHERE connection_id = :id")
                .param("claim", claim).param("id", id.value()).query(Boolean.class).optional()
                .orElse(false);
    }

    void releaseClaim(ConnectionId id, UUID claim) {
        jdbc.sql("""
                UPDATE provider_tokens SET refresh_claim = NULL, refresh_claimed_until = NULL
                WHERE connection_id = :id AND refresh_claim = :claim""")
                .param("claim", claim).param("id", id.value()).update();
    }

    void delete(ConnectionId id) {
        jdbc.sql("DELETE FROM provider_tokens WHERE connection_id = :id").param("id", id.value()).update();
    }

    void recordFailure(ConnectionId id, String error, Instant nextAttempt, Instant now) {
        jdbc.sql("""
                UPDATE provider_tokens SET refresh_failures = refresh_failures + 1, last_error = :error,
                    next_refresh_at = :next, updated_at = :now, refresh_claim = NULL, refresh_claimed_until = NULL
                WHERE connection_id = :id""")
                .param("id", id.value()).param("error", error).param("next", ts(nextAttempt))
                .param("now", ts(now)).update();
    }

    /** Rows sealed under another key than the active one, for re-encryption in batches. */
    List<StoredTokens> lockSealedWithOtherKey(String activeKeyId, int limit) {
        return jdbc.sql("""
                SELECT * FROM provider_tokens WHERE key_id <> :key ORDER BY connection_id LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
                .param("key", activeKeyId).param("limit", limit).query(ProviderTokens::map).list();
    }

    long countSealedWithOtherKey(String activeKeyId) {
        return jdbc.sql("SELECT count(*) FROM provider_tokens WHERE key_id <> :key").param("key", activeKeyId)
                .query(Long.class).single();
    }

    void reseal(ConnectionId id, AesGcm.Sealed sealed) {
        jdbc.sql("UPDATE provider_tokens SET key_id = :key, sealed = :sealed WHERE connection_id = :id")
                .param("id", id.value()).param("key", sealed.keyId()).param("sealed", sealed.sealed()).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static StoredTokens map(ResultSet rs, int row) throws SQLException {
        Timestamp refreshed = rs.getTimestamp("refreshed_at");
        return new StoredTokens(new ConnectionId(rs.getObject("connection_id", UUID.class)),
                new AesGcm.Sealed(rs.getString("key_id"), rs.getBytes("sealed")), rs.getString("token_type"),
                rs.getString("scope"), rs.getTimestamp("access_expires_at").toInstant(),
                rs.getTimestamp("refresh_expires_at").toInstant(), rs.getTimestamp("next_refresh_at").toInstant(),
                rs.getInt("refresh_failures"), rs.getString("last_error"),
                refreshed == null ? null : refreshed.toInstant());
    }
}
