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
import tools.jackson.core.JacksonException;

class TraderTransactionsTest {

    static final String TRANSACTIONS = """
            [{"activityId":95512265692,"time":"2024-03-28T21:10:42+0000","accountNumber":"12345678","type":"TRADE",
              "status":"VALID","subAccount":"CASH","tradeDate":"2024-03-28T04:00:00+0000",
              "settlementDate":"2024-04-01T04:00:00+0000","positionId":1,"orderId":2,"netAmount":-1234.56,
              "activityType":"EXECUTION","description":"BUY TRADE",
              "transferItems":[{"instrument":{"assetType":"CURRENCY","symbol":"CURRENCY_USD"},"amount":0,
                  "cost":-0.01,"feeType":"COMMISSION"},
                {"instrument":{"assetType":"EQUITY","symbol":"AAPL","cusip":"037833100",
                  "underlying":{"nested":[1,{"deep":[]}]}},"amount":7,"cost":-1234.55,"price":176.3643,
                  "positionEffect":"OPENING"}]},
             {"activityId":"77","time":"2024-03-29T10:00:00.000Z","type":"DIVIDEND_OR_INTEREST","status":"PENDING",
              "netAmount":0.1}]""";

    static List<AccountBatch.Transaction> read(String json) {
        return TraderTransactions.read(TraderClient.JSON.createParser(json), "transactions");
    }

    @Test
    void transactionsAreMappedWithSymbolQuantityAndPrice() {
        var list = read(TRANSACTIONS);
        assertThat(list).hasSize(2);
        AccountBatch.Transaction trade = list.get(0);
        assertThat(trade.providerId()).isEqualTo("95512265692");
        assertThat(trade.occurredAt()).isEqualTo(Instant.parse("2024-03-28T21:10:42Z"));
        assertThat(trade.tradeDate()).isEqualTo(LocalDate.of(2024, 3, 28));
        assertThat(trade.settlementDate()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(trade.type()).isEqualTo("TRADE");
        assertThat(trade.description()).isEqualTo("BUY TRADE");
        assertThat(trade.symbol()).isEqualTo("AAPL");
        assertThat(trade.quantity()).isEqualByComparingTo("7");
        assertThat(trade.price()).isEqualTo(new BigDecimal("176.3643"));
        assertThat(trade.amount()).isEqualTo(new BigDecimal("-1234.56"));
        var dividend = list.get(1);
        assertThat(dividend.providerId()).isEqualTo("77");
        assertThat(dividend.status()).isEqualTo("PENDING");
        assertThat(dividend.symbol()).isNull();
        assertThat(dividend.tradeDate()).isNull();
        assertThat(dividend.description()).isEmpty();
    }

    @Test
    void anEmptyAnswerAndNullsWhereOptionalAreFine() {
        assertThat(read("[]")).isEmpty();
        var tx = read("""
                [{"activityId":1,"time":"2024-01-01T00:00:00Z","type":"JOURNAL","status":null,"description":null,
                  "transferItems":null,"tradeDate":null,"netAmount":5}]""").get(0);
        assertThat(tx.status()).isEqualTo("UNKNOWN");
        assertThat(tx.tradeDate()).isNull();
    }

    @Test
    void fieldOrderDoesNotMatterAndTheLastOfARepeatedFieldWins() {
        var tx = read("""
                [{"netAmount":1,"transferItems":[{"price":2,"amount":3,"instrument":{"symbol":"X","assetType":"EQUITY"}}],
                  "type":"TRADE","time":"2024-01-01T00:00:00Z","activityId":9,"netAmount":4}]""").get(0);
        assertThat(tx.providerId()).isEqualTo("9");
        assertThat(tx.symbol()).isEqualTo("X");
        assertThat(tx.quantity()).isEqualByComparingTo("3");
        assertThat(tx.price()).isEqualByComparingTo("2");
        assertThat(tx.amount()).isEqualByComparingTo("4");
    }

    @Test
    void amountsNeverPassThroughDouble() {
        // 0.1 + 0.2 style values and long fractions must survive digit for digit.
        var tx = read("""
                [{"activityId":1,"time":"2024-01-01T00:00:00.000Z","type":"JOURNAL","status":"VALID",
                 "netAmount":12345678901.123456789}]""").get(0);
        assertThat(tx.amount().toPlainString()).isEqualTo("12345678901.123456789");
        assertThat(read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":0.30000000000000004")).get(1)
                .amount()).isEqualTo(new BigDecimal("0.300000000000"));
    }

    @Test
    void missingFieldsAreNamedByPath() {
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"description\":\"x\"")))
                .isInstanceOf(AccountBatch.InvalidDataException.class)
                .hasMessage("transactions[1].netAmount: missing");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"activityId\":\"77\",", "")))
                .hasMessage("transactions[1].activityId: missing");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"type\":\"DIVIDEND_OR_INTEREST\",", "")))
                .hasMessage("transactions[1].type: missing");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"type\":\"DIVIDEND_OR_INTEREST\"", "\"type\":\" \"")))
                .hasMessage("transactions[1].type: empty");
    }

    @Test
    void wrongTypesAreRejectedWithoutEchoingValues() {
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":\"lots\"")))
                .hasMessage("transactions[1].netAmount: not a number");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":{\"v\":[1]}")))
                .hasMessage("transactions[1].netAmount: not a number");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("2024-03-29T10:00:00.000Z", "yesterday")))
                .hasMessage("transactions[1].time: not an ISO-8601 date-time with offset")
                .message().doesNotContain("yesterday");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"PENDING\"", "\"MAYBE\"")))
                .hasMessageStartingWith("transactions[1]").hasMessageContaining("status");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"PENDING\"", "7")))
                .hasMessage("transactions[1].status: not a string");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"activityId\":\"77\"", "\"activityId\":\" \"")))
                .hasMessage("transactions[1].activityId: not an id");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"activityId\":\"77\"", "\"activityId\":[77]")))
                .hasMessage("transactions[1].activityId: not an id");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"symbol\":\"AAPL\"", "\"symbol\":true")))
                .hasMessage("transactions[0].transferItems[1].instrument.symbol: not a string");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"price\":176.3643", "\"price\":\"176\"")))
                .hasMessage("transactions[0].transferItems[1].price: not a number");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"transferItems\":[", "\"transferItems\":{\"a\":[").replace(
                "\"positionEffect\":\"OPENING\"}]}", "\"positionEffect\":\"OPENING\"}]}}")))
                .hasMessage("transactions[0].transferItems: not an array");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("{\"assetType\":\"CURRENCY\",\"symbol\":\"CURRENCY_USD\"}",
                "\"USD\""))).hasMessage("transactions[0].transferItems[0].instrument: not an object");
    }

    @Test
    void theAnswerMustBeAnArrayOfObjectsAndNothingElse() {
        assertThatThrownBy(() -> read("{\"transactions\":[]}")).hasMessage("transactions: not an array");
        assertThatThrownBy(() -> read("[{\"activityId\":1}, 5]")).hasMessageStartingWith("transactions[0]");
        assertThatThrownBy(() -> read("[5]")).hasMessage("transactions[0]: not an object");
        assertThatThrownBy(() -> read("[] []")).hasMessage("transactions: content after the array");
        // A cut-off answer fails as malformed wherever it ends, never loops or maps a partial row.
        for (String cut : List.of("[", "[{\"activityId\":1,", "[{\"activityId\":1,\"transferItems\":[",
                "[{\"activityId\":1,\"transferItems\":[{\"instrument\":{\"symbol\":\"X\"", "[{\"netAmount\":1.5e")) {
            assertThatThrownBy(() -> read(cut)).as(cut).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void absurdNumbersAreRejected() {
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":1e300")))
                .hasMessage("transactions[1].netAmount: out of range");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"netAmount\":0.1", "\"netAmount\":-1e15")))
                .hasMessage("transactions[1].netAmount: out of range");
        assertThatThrownBy(() -> read(TRANSACTIONS.replace("\"amount\":7", "\"amount\":1e12")))
                .hasMessage("transactions[0].transferItems[1].amount: out of range");
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
