package io.dashtam.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Trader-API JSON in the shapes of Schwab's OpenAPI description, for the fake. */
public final class SchwabData {

    private static final DateTimeFormatter SCHWAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    private SchwabData() {
    }

    public static FakeSchwab.Account account(String number, String hash, String type, String liquidationValue,
            String cash, String... positions) {
        String balances = type.equals("MARGIN")
                ? "\"initialBalances\":{\"accruedInterest\":0,\"liquidationValue\":" + liquidationValue + "},"
                        + "\"currentBalances\":{\"cashBalance\":" + cash + ",\"equity\":" + liquidationValue + "},"
                        + "\"projectedBalances\":{\"availableFunds\":" + cash + "}"
                : "\"initialBalances\":{\"cashBalance\":" + cash + ",\"liquidationValue\":" + liquidationValue + "},"
                        + "\"currentBalances\":{\"totalCash\":" + cash + ",\"cashAvailableForTrading\":" + cash + "},"
                        + "\"projectedBalances\":{\"totalCash\":" + cash + "}";
        String json = "{\"securitiesAccount\":{\"type\":\"" + type + "\",\"accountNumber\":\"" + number
                + "\",\"roundTrips\":0,\"isDayTrader\":false,\"isClosingOnlyRestricted\":false,\"pfcbFlag\":false,"
                + "\"positions\":[" + String.join(",", positions) + "]," + balances + "},"
                + "\"aggregatedBalance\":{\"currentLiquidationValue\":" + liquidationValue + ",\"liquidationValue\":"
                + liquidationValue + "}}";
        return new FakeSchwab.Account(number, hash, json);
    }

    public static String position(String symbol, String cusip, String quantity, String averagePrice,
            String marketValue, String profitLoss) {
        return "{\"shortQuantity\":0,\"averagePrice\":" + averagePrice + ",\"currentDayProfitLoss\":0,"
                + "\"longQuantity\":" + quantity + ",\"settledLongQuantity\":" + quantity + ",\"instrument\":{"
                + "\"assetType\":\"EQUITY\",\"cusip\":\"" + cusip + "\",\"symbol\":\"" + symbol + "\","
                + "\"description\":\"" + symbol + " INC\"},\"marketValue\":" + marketValue + ",\"longOpenProfitLoss\":"
                + profitLoss + "}";
    }

    public static String trade(long activityId, Instant time, String status, String symbol, String quantity,
            String price, String netAmount) {
        String t = SCHWAB_TIME.format(time);
        return "{\"activityId\":" + activityId + ",\"time\":\"" + t + "\",\"accountNumber\":\"x\",\"type\":\"TRADE\","
                + "\"status\":\"" + status + "\",\"subAccount\":\"CASH\",\"tradeDate\":\"" + t + "\","
                + "\"settlementDate\":\"" + t + "\",\"netAmount\":" + netAmount + ",\"activityType\":\"EXECUTION\","
                + "\"description\":\"BUY " + symbol + "\",\"transferItems\":[{\"instrument\":{\"assetType\":\"CURRENCY\","
                + "\"symbol\":\"CURRENCY_USD\"},\"amount\":0,\"cost\":-0.65,\"feeType\":\"COMMISSION\"},"
                + "{\"instrument\":{\"assetType\":\"EQUITY\",\"symbol\":\"" + symbol + "\"},\"amount\":" + quantity
                + ",\"cost\":" + netAmount + ",\"price\":" + price + ",\"positionEffect\":\"OPENING\"}]}";
    }

    public static String dividend(long activityId, Instant time, String status, String amount) {
        String t = SCHWAB_TIME.format(time);
        return "{\"activityId\":" + activityId + ",\"time\":\"" + t + "\",\"type\":\"DIVIDEND_OR_INTEREST\","
                + "\"status\":\"" + status + "\",\"netAmount\":" + amount + ",\"description\":\"INTEREST\","
                + "\"transferItems\":[]}";
    }

    static String join(String... parts) {
        return Arrays.stream(parts).collect(Collectors.joining(","));
    }
}
