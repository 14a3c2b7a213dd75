package io.dashtam.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in sandbox brokerage ({@code dashtam.providers.sandbox.*}, off in staging and prod).
 * {@code redirectUri} blank means the app's own {@code /oauth/sandbox/callback} (at {@code PublicAddress}).
 */
@ConfigurationProperties("dashtam.providers.sandbox")
record SandboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("dashtam-sandbox") String clientId,
        @DefaultValue("sandbox-client-secret") String clientSecret, String redirectUri) {
}
