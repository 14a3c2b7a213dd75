package io.dashtam.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in sandbox brokerage ({@code dashtam.providers.sandbox.*}, off in staging and prod).
 * {@code redirectUri} blank means the app's own {@code /oauth/sandbox/callback} (at {@code PublicAddress}).
 */
@ConfigurationProperties("dashtam.providers.sandbox")
record SandboxProperties(boolean enabled, String clientId,
        String clientSecret, String redirectUri) {
}
