package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import io.dashtam.core.Secret;
import io.dashtam.providers.ConnectionId;
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
public class TokenCipher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AesGcm aes;

    public TokenCipher(@Value("${dashtam.crypto.encryption-keys}") String keys) {
        this.aes = new AesGcm(KeyRing.parse("DASHTAM_ENCRYPTION_KEYS", keys));
    }

    public AesGcm.Sealed seal(ConnectionId id, TokenSet tokens) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("access", tokens.accessToken().value());
        fields.put("refresh", tokens.refreshToken().value());
        if (tokens.idToken() != null) {
            fields.put("id", tokens.idToken().value());
        }
        return sealJson(aad("provider_tokens", id.value().toString()), fields);
    }

    public TokenSet open(ConnectionId id, AesGcm.Sealed sealed) {
        JsonNode node = openJson(aad("provider_tokens", id.value().toString()), sealed);
        String idToken = node.path("id").asString(null);
        return new TokenSet(new Secret(node.get("access").asString()), new Secret(node.get("refresh").asString()),
                idToken == null ? null : new Secret(idToken));
    }

    AesGcm.Sealed sealJson(byte[] aad, Map<String, String> fields) {
        return aes.encrypt(JSON.writeValueAsBytes(fields), aad);
    }

    public JsonNode openJson(byte[] aad, AesGcm.Sealed sealed) {
        return JSON.readTree(aes.decrypt(sealed, aad));
    }

    public String activeKeyId() {
        return aes.activeKeyId();
    }

    public static byte[] aad(String purpose, String rowId) {
        return (purpose + ":" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
