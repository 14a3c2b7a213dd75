/**
 * Start-up and configuration: environments (dev, test, production-like), keys, scheduling, the banner, a bad
 * setting as one readable message, and the auto-configurations left out.
 */
package io.dashtam.platform.runtime;
