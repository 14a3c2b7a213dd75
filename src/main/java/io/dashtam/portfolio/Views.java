package io.dashtam.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Response shapes of the read API (public: the web app renders them too). Amounts are decimal strings, so no client
 * parses money as a double.
 */
public final class Views {

    private Views() {
    }

    public record MoneyView(String amount, String currency) {
        static MoneyView of(BigDecimal amount, String currency) {
            return amount == null ? null : new MoneyView(plain(amount), currency.trim());
        }
    }

    static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }

    static String decimal(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().scale() < 0
                ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : value.stripTrailingZeros().toPlainString();
    }

    public record AccountView(UUID id, UUID connectionId, String name, String type, String number, String currency,
            MoneyView balance, MoneyView cash, Instant balanceAsOf, Instant createdAt, Instant closedAt) {
    }

    public record BalancePoint(LocalDate date, Instant asOf, MoneyView balance, MoneyView cash) {
    }

    public record HoldingView(UUID id, UUID accountId, String symbol, String cusip, String description, String assetType,
            String quantity, String averagePrice, MoneyView costBasis, MoneyView marketValue, MoneyView unrealizedPl,
            Instant updatedAt, Instant closedAt) {
    }

    public record TransactionView(String id, UUID accountId, Instant time, LocalDate tradeDate, LocalDate settlementDate,
            String type, String status, String description, String symbol, String quantity, String price,
            MoneyView amount) {
    }

    /** Named apart from providers.TransactionPage; the API description keeps the schema name it always had. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TransactionPage")
    public record TransactionSlice(List<TransactionView> items, String nextCursor) {
    }

    public record NetWorth(Instant asOf, List<MoneyView> totals) {
    }

    public record NetWorthPoint(LocalDate date, String amount) {
    }

    public record NetWorthSeries(String currency, List<NetWorthPoint> points) {
    }

    public record NetWorthHistory(LocalDate from, LocalDate to, List<NetWorthSeries> series) {
    }
}
