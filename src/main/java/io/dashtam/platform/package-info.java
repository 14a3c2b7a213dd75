/**
 * Cross-cutting runtime, by capability in internal sub-packages: {@code http} (the HTTP edge: filters, admission,
 * health, the API index), {@code problems} (problem+json for every refusal), {@code tls} (HTTPS and the local CA),
 * {@code database} (embedded PostgreSQL or DATABASE_URL, the outage gate and pool shares, LISTEN/NOTIFY, the event
 * publication registry's wiring) and {@code runtime} (environments, start-up, configuration problems). Other modules
 * see only this package: the security-chain builder, the security headers and the database commands.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "core")
package io.dashtam.platform;
