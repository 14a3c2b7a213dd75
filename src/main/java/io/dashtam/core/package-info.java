/** Shared kernel: ids, money, time, errors, secrets and crypto primitives. Depends on nothing else. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.dashtam.core;
