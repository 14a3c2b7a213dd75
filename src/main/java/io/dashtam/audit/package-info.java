/** Append-only audit log of every auth and token event; every module writes through {@link io.dashtam.audit.AuditLog}. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "core")
package io.dashtam.audit;
