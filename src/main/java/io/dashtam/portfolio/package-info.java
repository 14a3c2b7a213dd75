/**
 * Accounts, balance snapshots, holdings and transactions, stored idempotently per account batch, and the
 * user-scoped read API over them (including net worth). Connections are referenced by id only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core"})
package io.dashtam.portfolio;
