package io.dashtam.providers;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import io.dashtam.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals provider secrets with AES-256-GCM under {@code DASHTAM_ENCRYPTION_KEYS}. The associated data names the
 * purpose and the row ({@code provider_tokens:<connection id>}), so a ciphertext moved to another row or used
 * for another purpose fails to open.
 */
@Component
class TokenCipher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AesGcm aes;

    TokenCipher(@Value("${dashtam.crypto.encryption-keys}") String keys) {
        this.aes = new AesGcm(KeyRing.parse("DASHTAM_ENCRYPTION_KEYS", keys));
    }

    AesGcm.Sealed seal(ConnectionId id, TokenSet tokens) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("access", tokens.accessToken().value());
        fields.put("refresh", tokens.refreshToken().value());
        if (tokens.idToken() != null) {
            fields.put("id", tokens.idToken().value());
        }
        return sealJson(aad("provider_tokens", id.value().toString()), fields);
    }

    TokenSet open(ConnectionId id, AesGcm.Sealed sealed) {
        JsonNode node = openJson(aad("provider_tokens", id.value().toString()), sealed);
        String idToken = node.path("id").asString(null);
        return new TokenSet(new Secret(node.get("access").asString()), new Secret(node.get("refresh").asString()),
                idToken == null ? null : new Secret(idToken));
    }

    AesGcm.Sealed sealJson(byte[] aad, Map<String, String> fields) {
        return aes.encrypt(JSON.writeValueAsBytes(fields), aad);
    }

    JsonNode openJson(byte[] aad, AesGcm.Sealed sealed) {
        return JSON.readTree(aes.decrypt(sealed, aad));
    }

    String activeKeyId() {
        return aes.activeKeyId();
    }

    static byte[] aad(String purpose, String rowId) {
        return (purpose + ":" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
