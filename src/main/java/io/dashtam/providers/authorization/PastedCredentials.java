package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.core.Secret;
import io.dashtam.providers.ConnectionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The provider_credentials table: the credential a paste provider's claim produced, sealed by {@link TokenCipher}
 * with the connection in the associated data. Only sealed bytes are stored; nothing here is ever returned by the
 * API or logged.
 */
@Repository
public class PastedCredentials {

    private static final String PURPOSE = "provider_credentials";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;

    public PastedCredentials(JdbcClient jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void put(ConnectionId id, Secret credential, Instant now) {
        AesGcm.Sealed sealed = seal(id, credential, cipher);
        jdbc.sql("""
                INSERT INTO provider_credentials (connection_id, key_id, sealed, created_at, updated_at)
                VALUES (:id, :key, :sealed, :now, :now)
                ON CONFLICT (connection_id) DO UPDATE SET key_id = EXCLUDED.key_id, sealed = EXCLUDED.sealed,
                    updated_at = EXCLUDED.updated_at""")
                .param("id", id.value()).param("key", sealed.keyId()).param("sealed", sealed.sealed())
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<Secret> open(ConnectionId id) {
        return open(id, cipher);
    }

    private Optional<Secret> open(ConnectionId id, TokenCipher cipher) {
        return jdbc.sql("SELECT key_id, sealed FROM provider_credentials WHERE connection_id = :id")
                .param("id", id.value())
                .query((rs, n) -> new AesGcm.Sealed(rs.getString("key_id"), rs.getBytes("sealed"))).optional()
                .map(sealed -> new Secret(cipher.openJson(TokenCipher.aad(PURPOSE, id.value().toString()), sealed)
                        .get("credential").asString()));
    }

    public void delete(ConnectionId id) {
        jdbc.sql("DELETE FROM provider_credentials WHERE connection_id = :id").param("id", id.value()).update();
    }

    /** Re-seals up to {@code limit} rows under {@code with}'s active key (rows in use are skipped); how many. */
    int resealBatch(TokenCipher with, int limit) {
        List<ConnectionId> stale = jdbc.sql("""
                SELECT connection_id FROM provider_credentials WHERE key_id <> :key ORDER BY connection_id
                LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("key", with.activeKeyId()).param("limit", limit)
                .query((rs, n) -> new ConnectionId(rs.getObject(1, UUID.class))).list();
        for (ConnectionId id : stale) {
            open(id, with).ifPresent(secret -> {
                AesGcm.Sealed sealed = seal(id, secret, with);
                jdbc.sql("UPDATE provider_credentials SET key_id = :key, sealed = :sealed WHERE connection_id = :id")
                        .param("id", id.value()).param("key", sealed.keyId()).param("sealed", sealed.sealed())
                        .update();
            });
        }
        return stale.size();
    }

    long countSealedWithOtherKey(String activeKeyId) {
        return jdbc.sql("SELECT count(*) FROM provider_credentials WHERE key_id <> :key")
                .param("key", activeKeyId).query(Long.class).single();
    }

    private static AesGcm.Sealed seal(ConnectionId id, Secret credential, TokenCipher cipher) {
        return cipher.sealJson(TokenCipher.aad(PURPOSE, id.value().toString()), Map.of("credential",
                credential.value()));
    }
}
