/**
 * The built-in sandbox brokerage (dev, test and ci; off in staging and prod): a fake brokerage speaking Schwab's
 * OAuth and Trader API under {@code /sandbox}, with deterministic sample data, registered as the {@code sandbox}
 * provider through the Schwab adapter's protocol code. Nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "providers", "schwab"})
package io.dashtam.sandbox;
