/**
 * Money insight: each account's daily value history derived back to its oldest stored transaction (after every
 * change a sync or import commits), totals in the user's base currency, and honest returns (time-weighted,
 * money-weighted, income, fees) over any period: {@code GET /api/v1/performance}. Reads the portfolio through its
 * public history API and prices and rates through the markets module; owns only its derived tables.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "markets"})
package io.dashtam.insight;
