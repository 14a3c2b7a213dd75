/**
 * Money insight: each account's daily value history derived back to its oldest stored transaction (after every
 * change a sync or import commits, and after a user's own prices change), totals in the user's base currency (a
 * users setting), and honest returns (time-weighted, money-weighted, income, fees) over any period. Use cases:
 * {@link io.dashtam.insight.Performance} ({@code GET /api/v1/performance}, {@code GET /api/v1/history}) and
 * {@link io.dashtam.insight.Overview} (what the dashboard and account pages show). Reads the portfolio through its
 * public history API and prices and rates through the markets module; owns only its derived tables. docs/returns.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "markets", "users"})
package io.dashtam.insight;
