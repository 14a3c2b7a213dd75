package io.dashtam.simplefinsandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox bridge's sample banks: a credit union (checking, savings), a card issuer and a rewards club whose
 * account is kept in a custom currency (points). Transactions are derived from the day, so they are the same on
 * every replica and every call; those of the last three days are pending (posted 0) and become posted, under the
 * same id, as the clock moves on.
 */
final class SandboxBridgeData {

    static final long DAY = 86_400;
    static final int HISTORY_DAYS = 120;

    record BridgeAccount(String orgDomain, String orgName, String id, String name, boolean customCurrency,
            String balance, String availableBalance) {
    }

    static final List<BridgeAccount> ACCOUNTS = List.of(
            new BridgeAccount("sandbox-cu.example", "Sandbox Credit Union", "cu-chk-1001", "Everyday Checking", false,
                    "2450.17", "2390.17"),
            new BridgeAccount("sandbox-cu.example", "Sandbox Credit Union", "cu-sav-1002", "High-Yield Savings", false,
                    "15230.00", null),
            new BridgeAccount("sandbox-card.example", "Sandbox Card Services", "card-visa-2001", "Rewards Visa", false,
                    "-612.48", "4387.52"),
            new BridgeAccount("sandbox-rewards.example", "Sandbox Rewards Club", "rw-pts-3001", "Travel Points", true,
                    "48210", null));

    private SandboxBridgeData() {
    }

    /** One account as the protocol shows it, with its transactions in [start, end) (pending ones only if asked). */
    static Map<String, Object> accountJson(BridgeAccount a, String currencyUrl, Instant now, long start, long end,
            boolean pending) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("org", Map.of("domain", a.orgDomain(), "name", a.orgName(),
                "sfin-url", "https://" + a.orgDomain() + "/simplefin"));
        json.put("id", a.id());
        json.put("name", a.name());
        json.put("currency", a.customCurrency() ? currencyUrl : "USD");
        json.put("balance", a.balance());
        if (a.availableBalance() != null) {
            json.put("available-balance", a.availableBalance());
        }
        json.put("balance-date", now.getEpochSecond());
        List<Map<String, Object>> transactions = new ArrayList<>();
        for (Map<String, Object> t : transactions(a, now)) {
            boolean isPending = Boolean.TRUE.equals(t.get("pending"));
            long when = isPending ? (Long) t.get("transacted_at") : (Long) t.get("posted");
            if ((!isPending || pending) && when >= start && when < end) {
                transactions.add(t);
            }
        }
        json.put("transactions", transactions);
        return json;
    }

    /** Every transaction of the last {@value #HISTORY_DAYS} days, ordered by day. */
    static List<Map<String, Object>> transactions(BridgeAccount a, Instant now) {
        long today = Math.floorDiv(now.getEpochSecond(), DAY);
        List<Map<String, Object>> out = new ArrayList<>();
        for (long d = today - HISTORY_DAYS; d <= today; d++) {
            for (Object[] t : onDay(a.id(), d)) {
                boolean pending = d >= today - 2;
                long transacted = Math.min(d * DAY + 3_600, now.getEpochSecond());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", a.id() + "-" + d + "-" + t[0]);
                json.put("posted", pending ? 0L : d * DAY + 43_200);
                json.put("amount", t[1]);
                json.put("description", t[2]);
                json.put("transacted_at", transacted);
                if (pending) {
                    json.put("pending", true);
                }
                out.add(json);
            }
        }
        return out;
    }

    private static List<Object[]> onDay(String account, long d) {
        List<Object[]> t = new ArrayList<>();
        switch (account) {
            case "cu-chk-1001" -> {
                if (d % 14 == 0) {
                    t.add(new Object[] {"pay", "2150.00", "ACME Corp Payroll"});
                }
                if (d % 30 == 1) {
                    t.add(new Object[] {"rent", "-1450.00", "Maple Street Apartments Rent"});
                }
                if (d % 3 == 0) {
                    t.add(new Object[] {"groc", money(-(40 + d * 37 % 90), d), "Corner Grocery"});
                }
            }
            case "cu-sav-1002" -> {
                if (d % 30 == 0) {
                    t.add(new Object[] {"int", money(12 + d % 7, d), "Interest Paid"});
                }
            }
            case "card-visa-2001" -> {
                if (d % 2 == 0) {
                    t.add(new Object[] {"buy", money(-(5 + d * 13 % 120), d), d % 4 == 0 ? "Coffee & Co"
                            : "Riverside Books"});
                }
                if (d % 30 == 5) {
                    t.add(new Object[] {"pmt", "500.00", "Payment - Thank You"});
                }
            }
            case "rw-pts-3001" -> {
                if (d % 7 == 0) {
                    t.add(new Object[] {"earn", Long.toString(100 * (1 + d % 5)), "Flight bonus points"});
                }
            }
            default -> {
            }
        }
        return t;
    }

    /** Whole units plus cents derived from the day, as the protocol's numeric string. */
    private static String money(long units, long day) {
        BigDecimal cents = BigDecimal.valueOf(Math.floorMod(day * 29, 100), 2);
        BigDecimal value = BigDecimal.valueOf(units);
        return (units < 0 ? value.subtract(cents) : value.add(cents)).setScale(2).toPlainString();
    }
}
