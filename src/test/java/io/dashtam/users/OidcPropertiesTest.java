package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Single sign-on settings: off without an issuer, and a half or insecure configuration stops start-up. */
class OidcPropertiesTest {

    @Test
    void offWithoutAnIssuerAndRefusedWhenHalfOrInsecure() {
        assertThat(new OidcProperties("", null, null, null, false, false).enabled()).isFalse();
        var on = new OidcProperties("https://id.example.org/realms/home", "dashtam", "s3cret-value", " Home ", false,
                true);
        assertThat(on.enabled()).isTrue();
        assertThat(on.name()).isEqualTo("Home");
        assertThat(on.toString()).doesNotContain("s3cret-value");
        assertThatThrownBy(() -> new OidcProperties("http://id.example.org", "dashtam", "x", null, false, false))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new OidcProperties("https://id.example.org", "dashtam", "", null, false, false))
                .hasMessageContaining("DASHTAM_OIDC_CLIENT_SECRET");
        assertThatThrownBy(() -> new OidcProperties(null, null, null, null, false, true))
                .hasMessageContaining("DASHTAM_OIDC_REQUIRED needs DASHTAM_OIDC_ISSUER");
    }
}
