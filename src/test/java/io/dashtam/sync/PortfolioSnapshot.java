package io.dashtam.sync;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Every stored row (timestamps included) of the accounts whose last four digits match, to prove "unchanged". */
final class PortfolioSnapshot {

    private PortfolioSnapshot() {
    }

    static String of(JdbcClient jdbc, String last4) {
        String filter = " WHERE a.number_last4 LIKE '%" + last4 + "'";
        StringBuilder rows = new StringBuilder(rows(jdbc, "a", "accounts a" + filter));
        for (String table : new String[] {"holdings", "transactions", "balance_snapshots"}) {
            rows.append(rows(jdbc, "x", table + " x JOIN accounts a ON a.id = x.account_id" + filter));
        }
        return rows.toString();
    }

    private static String rows(JdbcClient jdbc, String alias, String from) {
        return jdbc.sql("SELECT coalesce(string_agg(" + alias + "::text, '|' ORDER BY " + alias + "::text), '') FROM "
                + from).query(String.class).single();
    }
}
