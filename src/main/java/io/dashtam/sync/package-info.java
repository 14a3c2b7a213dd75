/**
 * Syncs provider connections into the portfolio: the job table with leases, the scheduler and sync runs. It
 * reaches every provider through the providers module's port (ProviderAdapter / ProviderFetch) and knows none of
 * them by name. Use cases: {@link io.dashtam.sync.SyncService} (sync now, run history).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "providers"})
package io.dashtam.sync;
