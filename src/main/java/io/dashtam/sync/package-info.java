/**
 * Syncs provider connections into the portfolio: the job table with leases, the scheduler, sync runs, and the
 * Schwab trader-API client and mapping.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "providers"})
package io.dashtam.sync;
