/**
 * Cross-cutting runtime: HTTPS with a local CA, the database (embedded PostgreSQL or DATABASE_URL), environments,
 * problem+json errors, security headers, health and the API index.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "core")
package io.dashtam.platform;
