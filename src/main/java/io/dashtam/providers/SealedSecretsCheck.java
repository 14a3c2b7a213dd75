package io.dashtam.providers;

import io.dashtam.core.AesGcm;
import io.dashtam.providers.authorization.TokenCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a set of encryption keys opens every provider secret stored in a database (OAuth tokens, pasted
 * credentials): what a restore checks before it says done, inside its own transaction. Nothing is decrypted into
 * the result; it counts, and names key ids only.
 */
public final class SealedSecretsCheck {

    /** Where each sealed secret lives and the purpose its associated data names. */
    private static final Map<String, String> TABLES = Map.of(
            "provider_tokens", "provider_tokens",
            "provider_credentials", "provider_credentials");

    /** How many secrets opened, and per key id how many did not. */
    public record Result(long opened, Map<String, Long> failedByKeyId) {

        public boolean allOpen() {
            return failedByKeyId.isEmpty();
        }

        public long failed() {
            return failedByKeyId.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private SealedSecretsCheck() {
    }

    /** Opens every sealed row visible to this connection (its transaction) with {@code encryptionKeys}. */
    public static Result verify(Connection connection, String encryptionKeys) throws SQLException {
        TokenCipher cipher = new TokenCipher(encryptionKeys);
        long opened = 0;
        Map<String, Long> failed = new TreeMap<>();
        for (var table : TABLES.entrySet()) {
            if (!exists(connection, table.getKey())) {
                continue; // a backup of an older schema
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT connection_id, key_id, sealed FROM " + table.getKey());
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String keyId = rows.getString(2);
                    try {
                        cipher.openJson(TokenCipher.aad(table.getValue(), rows.getString(1)),
                                new AesGcm.Sealed(keyId, rows.getBytes(3)));
                        opened++;
                    } catch (RuntimeException e) {
                        failed.merge(keyId, 1L, Long::sum);
                    }
                }
            }
        }
        return new Result(opened, failed);
    }

    /** The key ids the stored secrets are sealed under (a backup's manifest records them). */
    public static List<String> keyIds(Connection connection) throws SQLException {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (String table : TABLES.keySet()) {
            if (!exists(connection, table)) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT key_id FROM " + table);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
