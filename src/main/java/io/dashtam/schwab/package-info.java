/**
 * The Schwab adapter of the provider port: Schwab's OAuth client settings and the Trader API client and mapper,
 * together. {@link io.dashtam.schwab.TraderApiProvider} is public so that a provider speaking the same protocols
 * (the sandbox brokerage) can reuse it; nothing else refers to this module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "providers", "portfolio"})
package io.dashtam.schwab;
