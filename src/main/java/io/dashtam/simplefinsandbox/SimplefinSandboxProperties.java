package io.dashtam.simplefinsandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dashtam.simplefin-sandbox.*}: on in dev/test/ci, off in staging/prod. {@code publicBaseUrl} is where the
 * app is reached ({@code DASHTAM_PUBLIC_URL}; blank: https://localhost on the app's own port).
 */
@ConfigurationProperties("dashtam.simplefin-sandbox")
record SimplefinSandboxProperties(@DefaultValue("true") boolean enabled, String publicBaseUrl) {
}
