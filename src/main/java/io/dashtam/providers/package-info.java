/**
 * Provider connections: the registry of provider types, a user's connections, OAuth2 authorization (Schwab and
 * the built-in sandbox brokerage), encrypted provider tokens and their refresh. Other modules reach a
 * connection's provider API only through {@link io.dashtam.providers.ProviderAccess}. Use cases:
 * {@link io.dashtam.providers.ConnectionService} (connections) and {@link io.dashtam.providers.AuthorizationService}
 * (OAuth authorization, pasted credentials, grants), called by the REST controllers and the web pages alike. This
 * package is the module's API (the provider port, the services, views and events); internal sub-packages hold
 * {@code connections}, {@code authorization} (OAuth flow, grants, token vault, key rotation) and {@code outbound}
 * (HTTP/TLS, retry, limiters).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "audit", "portfolio"})
package io.dashtam.providers;
