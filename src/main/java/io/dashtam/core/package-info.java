/**
 * Shared kernel: ids, money, time, secrets and crypto primitives, and the domain refusals every use case throws
 * ({@link io.dashtam.core.DomainException} and its kinds, which carry no HTTP status). Depends on nothing else.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.dashtam.core;
