package io.dashtam.providers.authorization;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.RequestOrigin;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts provider tokens under the active key of {@code DASHTAM_ENCRYPTION_KEYS}. To rotate: put the new
 * key first and keep the old one after it; every instance keeps reading both, and this moves rows over in small
 * batches (each its own transaction, rows in use skipped and picked up next time), so nothing stops. It runs in
 * the background maintenance and on demand ({@code POST /api/v1/admin/providers/rotate-keys}); once no row
 * reports the old key id, the old key can be removed.
 */
@Component
public class KeyRotation {

    private final ProviderTokens tokens;
    private final PastedCredentials credentials;
    private final TokenCipher cipher;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public KeyRotation(ProviderTokens tokens, PastedCredentials credentials, TokenCipher cipher, TransactionTemplate tx,
            AuditLog audit) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.cipher = cipher;
        this.tx = tx;
        this.audit = audit;
    }

    /** The same rotation with another key ring (an operator's tool, and tests). */
    public KeyRotation with(TokenCipher other) {
        return new KeyRotation(tokens, credentials, other, tx, audit);
    }

    /** One batch; returns how many rows moved to the active key. */
    public int rotateBatch(int batchSize) {
        Integer moved = tx.execute(s -> {
            var stale = tokens.lockSealedWithOtherKey(cipher.activeKeyId(), batchSize);
            for (StoredTokens row : stale) {
                tokens.reseal(row.connectionId(), cipher.seal(row.connectionId(), cipher.open(row.connectionId(),
                        row.sealed())));
            }
            return stale.size() + credentials.resealBatch(cipher, batchSize);
        });
        return moved == null ? 0 : moved;
    }

    /** Batches until nothing is left to move (or only rows locked elsewhere remain). */
    public int rotateAll(int batchSize, RequestOrigin origin, io.dashtam.core.UserId by) {
        int total = 0;
        int moved;
        do {
            moved = rotateBatch(batchSize);
            total += moved;
        } while (moved >= batchSize);
        audit.record(new AuditEvent(by, "provider.token.keys_rotated", "success", "provider_tokens", origin,
                Map.of("activeKeyId", cipher.activeKeyId(), "resealed", Integer.toString(total))));
        return total;
    }

    public long remaining() {
        return tokens.countSealedWithOtherKey(cipher.activeKeyId())
                + credentials.countSealedWithOtherKey(cipher.activeKeyId());
    }
}
