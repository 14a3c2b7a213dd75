/**
 * Accounts, balance snapshots, holdings and transactions, stored idempotently per account batch, and the
 * user-scoped reads over them (including net worth, {@link io.dashtam.portfolio.PortfolioService}). Connections
 * are referenced by id only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core"})
package io.dashtam.portfolio;
