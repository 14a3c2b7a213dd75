package io.dashtam.core;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named 256-bit keys parsed from {@code keyId:base64key,keyId:base64key}. The first key is active (used for new
 * ciphertexts and signatures); the others stay readable during a rotation.
 */
public final class KeyRing {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final String setting;
    private final String activeId;
    private final Map<String, byte[]> keys;

    private KeyRing(String setting, String activeId, Map<String, byte[]> keys) {
        this.setting = setting;
        this.activeId = activeId;
        this.keys = keys;
    }

    /** Parses a key list; errors name the setting but never echo a key. */
    public static KeyRing parse(String setting, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String active = null;
        int index = 0;
        for (String entry : spec.split(",")) {
            index++;
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(setting + ": entry " + index + " is not keyId:base64key");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(setting + ": entry " + index + " has an invalid key id");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": key '" + id + "' is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(setting + ": key '" + id + "' must be 32 bytes (256 bits), got "
                        + key.length);
            }
            if (keys.putIfAbsent(id, key) != null) {
                throw new IllegalArgumentException(setting + ": key id '" + id + "' appears twice");
            }
            if (active == null) {
                active = id;
            }
        }
        return new KeyRing(setting, active, Collections.unmodifiableMap(keys));
    }

    public String activeId() {
        return activeId;
    }

    public byte[] activeKey() {
        return keys.get(activeId).clone();
    }

    public Optional<byte[]> key(String id) {
        byte[] key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    public java.util.Set<String> ids() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "KeyRing[" + setting + ", active=" + activeId + ", ids=" + keys.keySet() + "]";
    }
}
