package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String K32 = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void firstKeyIsActiveAndAllAreReadable() {
        KeyRing ring = KeyRing.parse("S", "b:" + K32 + ", a:" + K32);
        assertThat(ring.activeId()).isEqualTo("b");
        assertThat(ring.ids()).containsExactly("b", "a");
        assertThat(ring.key("a")).isPresent();
        assertThat(ring.toString()).doesNotContain(K32);
    }

    @Test
    void rejectsBadSpecsNamingTheSettingButNotTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.parse("S", "")).hasMessageContaining("S is empty");
        assertThatThrownBy(() -> KeyRing.parse("S", K32)).hasMessageContaining("keyId:base64key");
        assertThatThrownBy(() -> KeyRing.parse("S", "a:" + shortKey)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyRing.parse("S", "a:!!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> KeyRing.parse("S", "a:" + K32 + ",a:" + K32)).hasMessageContaining("twice");
    }
}
