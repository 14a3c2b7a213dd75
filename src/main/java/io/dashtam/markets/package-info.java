/**
 * Market data from outside parties, cached per day with its source: closing prices behind a port (a provider's
 * price history such as Schwab's market data, the sandbox brokerage's, a user's CSV import or manual entry) and the
 * ECB's euro reference rates (fetched daily over HTTPS and backfilled from its history file; a built-in source of
 * the same format in dev and test; a user's manual rates override). Never invents a value: a missing price or rate
 * is reported as missing, a rate from an earlier day is marked as such.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "providers"})
package io.dashtam.markets;
