package io.dashtam.schwab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraderMapperTest {

    static final String ACCOUNTS = """
            [{"securitiesAccount":{"type":"MARGIN","accountNumber":"12345678","roundTrips":0,"isDayTrader":false,
              "positions":[{"shortQuantity":0,"averagePrice":123.4567,"currentDayProfitLoss":1.5,"longQuantity":10,
                "instrument":{"assetType":"EQUITY","cusip":"037833100","symbol":"AAPL","description":"APPLE INC"},
                "marketValue":1890.10,"longOpenProfitLoss":655.533},
               {"shortQuantity":5,"longQuantity":0,"averagePrice":20.1,
                "instrument":{"assetType":"EQUITY","symbol":"XYZ"},"marketValue":-95.5}],
              "initialBalances":{"accruedInterest":0,"liquidationValue":10000.01},
              "currentBalances":{"cashBalance":8205.11,"equity":10095.21},
              "projectedBalances":{"availableFunds":1}},
             "aggregatedBalance":{"currentLiquidationValue":10095.21,"liquidationValue":10095.21}}]""";

    static final String TRANSACTIONS = """
            [{"activityId":95512265692,"time":"2024-03-28T21:10:42+0000","accountNumber":"12345678","type":"TRADE",
              "status":"VALID","subAccount":"CASH","tradeDate":"2024-03-28T04:00:00+0000",
              "settlementDate":"2024-04-01T04:00:00+0000","positionId":1,"orderId":2,"netAmount":-1234.56,
              "activityType":"EXECUTION","description":"BUY TRADE",
              "transferItems":[{"instrument":{"assetType":"CURRENCY","symbol":"CURRENCY_USD"},"amount":0,
                  "cost":-0.01,"feeType":"COMMISSION"},
                {"instrument":{"assetType":"EQUITY","symbol":"AAPL","cusip":"037833100"},"amount":7,
                  "cost":-1234.55,"price":176.3643,"positionEffect":"OPENING"}]},
             {"activityId":"77","time":"2024-03-29T10:00:00.000Z","type":"DIVIDEND_OR_INTEREST","status":"PENDING",
              "netAmount":0.1}]""";

    @Test
    void accountsPositionsAndBalancesAreMappedExactly() {
        var accounts = TraderMapper.accounts(TraderClient.JSON.readTree(ACCOUNTS));
        assertThat(accounts).hasSize(1);
        var account = accounts.get(0);
        assertThat(account.account().type()).isEqualTo("MARGIN");
        assertThat(account.account().toString()).doesNotContain("12345678").contains("****5678");
        assertThat(account.balance().balance()).isEqualByComparingTo("10095.21");
        assertThat(account.balance().cash()).isEqualByComparingTo("8205.11");
        var aapl = account.holdings().get(0);
        assertThat(aapl.providerId()).isEqualTo("037833100");
        assertThat(aapl.quantity()).isEqualByComparingTo("10");
        assertThat(aapl.costBasis()).isEqualByComparingTo("1234.5670");
        assertThat(aapl.marketValue()).isEqualTo(new BigDecimal("1890.10"));
        assertThat(aapl.unrealizedPl()).isEqualByComparingTo("655.533");
        var shortPosition = account.holdings().get(1);
        assertThat(shortPosition.providerId()).isEqualTo("XYZ");
        assertThat(shortPosition.quantity()).isEqualByComparingTo("-5");
        assertThat(shortPosition.unrealizedPl()).isEqualByComparingTo("5.0"); // -95.5 - (-100.5)
    }

    @Test
    void amountsNeverPassThroughDouble() {
        // 0.1 + 0.2 style values and long fractions must survive digit for digit.
        var tx = TraderMapper.transaction(TraderClient.JSON.readTree("""
                {"activityId":1,"time":"2024-01-01T00:00:00.000Z","type":"JOURNAL","status":"VALID",
                 "netAmount":12345678901.123456789}"""), "t");
        assertThat(tx.amount().toPlainString()).isEqualTo("12345678901.123456789");
    }

    @Test
    void transactionsAreMappedWithSymbolQuantityAndPrice() {
        var list = TraderMapper.transactions(TraderClient.JSON.readTree(TRANSACTIONS), "transactions");
        AccountBatch.Transaction trade = list.get(0);
        assertThat(trade.providerId()).isEqualTo("95512265692");
        assertThat(trade.occurredAt()).isEqualTo(Instant.parse("2024-03-28T21:10:42Z"));
        assertThat(trade.tradeDate()).isEqualTo(LocalDate.of(2024, 3, 28));
        assertThat(trade.settlementDate()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(trade.symbol()).isEqualTo("AAPL");
        assertThat(trade.quantity()).isEqualByComparingTo("7");
        assertThat(trade.price()).isEqualTo(new BigDecimal("176.3643"));
        assertThat(trade.amount()).isEqualTo(new BigDecimal("-1234.56"));
        var dividend = list.get(1);
        assertThat(dividend.providerId()).isEqualTo("77");
        assertThat(dividend.status()).isEqualTo("PENDING");
        assertThat(dividend.symbol()).isNull();
    }

    @Test
    void accountHashesPairNumbersWithHashValues() {
        var hashes = TraderMapper.accountHashes(TraderClient.JSON.readTree("""
                [{"accountNumber":"12345678","hashValue":"E1B2C3"}]"""));
        assertThat(hashes).containsEntry("12345678", "E1B2C3");
    }

    @Test
    void missingFieldsAreNamedByPath() {
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"accountNumber\":\"12345678\",", ""))))
                .isInstanceOf(AccountBatch.InvalidDataException.class)
                .hasMessage("accounts[0].securitiesAccount.accountNumber: missing");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"marketValue\":1890.10,", ""))))
                .hasMessage("accounts[0].securitiesAccount.positions[0].marketValue: missing");
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"netAmount\":0.1", "\"description\":\"x\"")), "transactions"))
                .hasMessage("transactions[1].netAmount: missing");
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"activityId\":\"77\",", "")), "transactions"))
                .hasMessage("transactions[1].activityId: missing");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"aggregatedBalance\":{\"currentLiquidationValue\":10095.21,\"liquidationValue\":10095.21}",
                        "\"aggregatedBalance\":{}").replace("\"liquidationValue\":10000.01", "\"x\":1"))))
                .hasMessage("accounts[0].aggregatedBalance.liquidationValue: missing");
    }

    @Test
    void wrongTypesAreRejectedWithoutEchoingValues() {
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":\"lots\"")), "transactions"))
                .hasMessage("transactions[1].netAmount: not a number");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"type\":\"MARGIN\"", "\"type\":\"SAVINGS\""))))
                .hasMessage("accounts[0].securitiesAccount.type: must be CASH or MARGIN");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree("{\"accounts\":[]}")))
                .hasMessage("accounts: not an array");
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("2024-03-29T10:00:00.000Z", "yesterday")), "transactions"))
                .hasMessage("transactions[1].time: not an ISO-8601 date-time with offset");
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"PENDING\"", "\"MAYBE\"")), "transactions"))
                .hasMessageStartingWith("transactions[1]").hasMessageContaining("status");
    }

    @Test
    void absurdNumbersAreRejected() {
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":1e300")), "transactions"))
                .hasMessage("transactions[1].netAmount: out of range");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"longQuantity\":10", "\"longQuantity\":99999999999999"))))
                .hasMessage("accounts[0].securitiesAccount.positions[0].longQuantity: out of range");
        assertThatThrownBy(() -> TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":-1e15")), "transactions"))
                .hasMessage("transactions[1].netAmount: out of range");
    }

    @Test
    void fullLengthDoublesAreKeptExactToTwelvePlaces() {
        var tx = TraderMapper.transactions(TraderClient.JSON.readTree(
                TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":0.30000000000000004")), "transactions");
        assertThat(tx.get(1).amount()).isEqualTo(new BigDecimal("0.300000000000"));
    }

    @Test
    void transactionDatesUseMillisecondsAndZ() {
        assertThat(TraderClient.DATE.format(Instant.parse("2024-03-28T21:10:42Z"))).isEqualTo("2024-03-28T21:10:42.000Z");
    }

    @Test
    void theFastTimePathReadsSchwabShapesExactlyAsTheFormatterAndLeavesTheRestToIt() {
        for (String common : List.of("2024-03-28T21:10:42+0000", "2024-03-28T21:10:42.000Z", "2024-02-29T23:59:59.999Z",
                "2024-03-28T21:10:42+00:00", "2023-12-31T04:00:00-0500", "2024-03-28T21:10:42.123+05:30")) {
            assertThat(TraderTime.fast(common)).as(common)
                    .isEqualTo(OffsetDateTime.parse(common, TraderTime.FORMAT));
        }
        for (String other : List.of("2023-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-03-28T24:00:00Z",
                "2024-03-28T21:10:60Z", "0000-01-01T00:00:00Z", "2024-03-28T21:10:42-00:00", "2024-03-28T21:10:42",
                "2024-03-28T21:10:42.1Z", "2024-03-28T21:10:42+1900", "2024-13-01T00:00:00Z", "2024-03-28 21:10:42Z",
                "2024-03-28T21:10:42.000", "2024-03-28T21:10:42+00:0", "2024-03-28T21:10:42Z ")) {
            assertThat(TraderTime.fast(other)).as(other).isNull();
        }
    }
}
