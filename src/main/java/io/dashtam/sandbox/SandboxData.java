package io.dashtam.sandbox;

import io.dashtam.core.Hashing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's sample data, shaped like Schwab's Trader API (see its OpenAPI description): a CASH and a MARGIN
 * account with positions and balances, and transactions on a fixed calendar (a trade every Monday, a deposit
 * on the 1st, a dividend on the 15th) for the year before now. Deterministic: the same instant always yields
 * the same rows, and a transaction is PENDING in its first two days, then VALID with the same activityId.
 */
final class SandboxData {

    record SandboxHolding(String symbol, String cusip, String description, String assetType, BigDecimal quantity,
            BigDecimal averagePrice, BigDecimal price) {
    }

    record SandboxAccount(String accountNumber, String type, BigDecimal cash, List<SandboxHolding> holdings) {

        String hashValue() {
            return SandboxData.hash(accountNumber);
        }
    }

    static final List<SandboxAccount> ACCOUNTS = List.of(
            new SandboxAccount("11112222", "CASH", new BigDecimal("5234.17"), List.of(
                    new SandboxHolding("AAPL", "037833100", "APPLE INC", "EQUITY", new BigDecimal("150"),
                            new BigDecimal("150.2500"), new BigDecimal("227.48")),
                    new SandboxHolding("VTI", "922908769", "VANGUARD TOTAL STOCK MARKET ETF", "COLLECTIVE_INVESTMENT",
                            new BigDecimal("160.5"), new BigDecimal("201.1000"), new BigDecimal("289.03")),
                    new SandboxHolding("SWVXX", "808515779", "SCHWAB VALUE ADVANTAGE MONEY FUND", "MUTUAL_FUND",
                            new BigDecimal("2500"), new BigDecimal("1.0000"), new BigDecimal("1.00")))),
            new SandboxAccount("33334444", "MARGIN", new BigDecimal("-1250.40"), List.of(
                    new SandboxHolding("MSFT", "594918104", "MICROSOFT CORP", "EQUITY", new BigDecimal("120"),
                            new BigDecimal("310.0000"), new BigDecimal("415.10")),
                    new SandboxHolding("SCHD", "808524797", "SCHWAB US DIVIDEND EQUITY ETF", "COLLECTIVE_INVESTMENT",
                            new BigDecimal("300"), new BigDecimal("25.4000"), new BigDecimal("27.86")))));

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private SandboxData() {
    }

    static String hash(String accountNumber) {
        return Hashing.sha256Hex("dashtam-sandbox:" + accountNumber).toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> accountJson(SandboxAccount a, boolean positions) {
        BigDecimal longValue = BigDecimal.ZERO;
        List<Object> rows = new ArrayList<>();
        for (SandboxHolding h : a.holdings()) {
            BigDecimal market = h.quantity().multiply(h.price()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal cost = h.quantity().multiply(h.averagePrice()).setScale(2, RoundingMode.HALF_UP);
            longValue = longValue.add(market);
            Map<String, Object> instrument = new LinkedHashMap<>();
            instrument.put("assetType", h.assetType());
            instrument.put("cusip", h.cusip());
            instrument.put("symbol", h.symbol());
            instrument.put("description", h.description());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("shortQuantity", BigDecimal.ZERO);
            p.put("averagePrice", h.averagePrice());
            p.put("currentDayProfitLoss", BigDecimal.ZERO);
            p.put("longQuantity", h.quantity());
            p.put("settledLongQuantity", h.quantity());
            p.put("settledShortQuantity", BigDecimal.ZERO);
            p.put("instrument", instrument);
            p.put("marketValue", market);
            p.put("maintenanceRequirement", a.type().equals("MARGIN") ? market.multiply(new BigDecimal("0.30"))
                    .setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO);
            p.put("averageLongPrice", h.averagePrice());
            p.put("longOpenProfitLoss", market.subtract(cost));
            p.put("previousSessionLongQuantity", h.quantity());
            rows.add(p);
        }
        BigDecimal liquidation = longValue.add(a.cash());
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("type", a.type());
        account.put("accountNumber", a.accountNumber());
        account.put("roundTrips", 0);
        account.put("isDayTrader", false);
        account.put("isClosingOnlyRestricted", false);
        account.put("pfcbFlag", false);
        if (positions) {
            account.put("positions", rows);
        }
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("accruedInterest", BigDecimal.ZERO);
        initial.put("cashBalance", a.cash());
        initial.put("longStockValue", longValue);
        initial.put("liquidationValue", liquidation);
        initial.put("accountValue", liquidation);
        Map<String, Object> current = new LinkedHashMap<>();
        if (a.type().equals("MARGIN")) {
            current.put("availableFunds", liquidation.multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.HALF_UP));
            current.put("buyingPower", liquidation.setScale(2, RoundingMode.HALF_UP));
            current.put("equity", liquidation);
            current.put("marginBalance", a.cash().min(BigDecimal.ZERO));
            current.put("longMarginValue", longValue);
        } else {
            current.put("cashAvailableForTrading", a.cash());
            current.put("cashAvailableForWithdrawal", a.cash());
            current.put("totalCash", a.cash());
            current.put("longNonMarginableMarketValue", longValue);
            current.put("unsettledCash", BigDecimal.ZERO);
        }
        account.put("initialBalances", initial);
        account.put("currentBalances", current);
        account.put("projectedBalances", current);
        Map<String, Object> aggregated = new LinkedHashMap<>();
        aggregated.put("currentLiquidationValue", liquidation);
        aggregated.put("liquidationValue", liquidation);
        return Map.of("securitiesAccount", account, "aggregatedBalance", aggregated);
    }

    /** Transactions of one account between two instants, newest first, as of {@code now}. */
    static List<Map<String, Object>> transactions(SandboxAccount a, Instant from, Instant to, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate oldest = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(400);
        int accountIndex = ACCOUNTS.indexOf(a);
        for (LocalDate day = last; !day.isBefore(first) && !day.isBefore(oldest); day = day.minusDays(1)) {
            for (int kind = 0; kind < 3; kind++) {
                var tx = transaction(a, accountIndex, day, kind, now);
                if (tx == null) {
                    continue;
                }
                Instant time = ZonedDateTime.parse((String) tx.get("time"), TIME).toInstant();
                if (!time.isBefore(from) && !time.isAfter(to) && !time.isAfter(now)) {
                    out.add(tx);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> transaction(SandboxAccount a, int accountIndex, LocalDate day, int kind,
            Instant now) {
        SandboxHolding h = a.holdings().get((int) Math.floorMod(day.toEpochDay(), a.holdings().size()));
        ZonedDateTime time;
        String type;
        String description;
        BigDecimal net;
        List<Object> items = new ArrayList<>();
        long id = (day.toEpochDay() * 10 + kind) * 10 + accountIndex + 80_000_000_000L;
        if (kind == 0 && day.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
            time = day.atTime(14, 30, 5).atZone(ZoneOffset.UTC);
            type = "TRADE";
            BigDecimal qty = BigDecimal.valueOf(1 + Math.floorMod(id, 5));
            // A little below today's price (up to 7 %), so a trade price is never zero or negative.
            BigDecimal price = h.price().multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(Math.floorMod(id, 700), 4)))
                    .setScale(2, RoundingMode.HALF_UP);
            net = qty.multiply(price).negate().setScale(2, RoundingMode.HALF_UP);
            description = "BUY " + qty.toPlainString() + " " + h.symbol();
            items.add(item("CURRENCY", null, "CURRENCY_USD", "USD currency", BigDecimal.ZERO, BigDecimal.ZERO, null,
                    "COMMISSION", null));
            items.add(item(h.assetType(), h.cusip(), h.symbol(), h.description(), qty, net, price, null, "OPENING"));
        } else if (kind == 1 && day.getDayOfMonth() == 1) {
            time = day.atTime(12, 0, 0).atZone(ZoneOffset.UTC);
            type = "ACH_RECEIPT";
            net = new BigDecimal("1000.00");
            description = "ACH DEPOSIT";
            items.add(item("CURRENCY", null, "CURRENCY_USD", "USD currency", net, BigDecimal.ZERO, null, null, null));
        } else if (kind == 2 && day.getDayOfMonth() == 15) {
            time = day.atTime(9, 15, 0).atZone(ZoneOffset.UTC);
            type = "DIVIDEND_OR_INTEREST";
            net = h.quantity().multiply(new BigDecimal("0.21")).setScale(2, RoundingMode.HALF_UP);
            description = "QUALIFIED DIVIDEND " + h.symbol();
            items.add(item(h.assetType(), h.cusip(), h.symbol(), h.description(), net, BigDecimal.ZERO, null, null,
                    null));
        } else {
            return null;
        }
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("activityId", id);
        tx.put("time", time.format(TIME));
        tx.put("description", description);
        tx.put("accountNumber", a.accountNumber());
        tx.put("type", type);
        tx.put("status", time.toInstant().isAfter(now.minus(java.time.Duration.ofDays(2))) ? "PENDING" : "VALID");
        tx.put("subAccount", a.type().equals("MARGIN") ? "MARGIN" : "CASH");
        tx.put("tradeDate", time.format(TIME));
        tx.put("settlementDate", time.plusDays(type.equals("TRADE") ? 1 : 0).format(TIME));
        tx.put("netAmount", net);
        tx.put("activityType", type.equals("TRADE") ? "EXECUTION" : "TRANSFER");
        tx.put("transferItems", items);
        return tx;
    }

    private static Map<String, Object> item(String assetType, String cusip, String symbol, String description,
            BigDecimal amount, BigDecimal cost, BigDecimal price, String feeType, String positionEffect) {
        Map<String, Object> instrument = new LinkedHashMap<>();
        instrument.put("assetType", assetType);
        if (cusip != null) {
            instrument.put("cusip", cusip);
        }
        instrument.put("symbol", symbol);
        instrument.put("description", description);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("instrument", instrument);
        item.put("amount", amount);
        item.put("cost", cost);
        if (price != null) {
            item.put("price", price);
        }
        if (feeType != null) {
            item.put("feeType", feeType);
        }
        if (positionEffect != null) {
            item.put("positionEffect", positionEffect);
        }
        return item;
    }
}
