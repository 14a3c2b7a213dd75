package io.dashtam.schwab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
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
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"aggregatedBalance\":{\"currentLiquidationValue\":10095.21,\"liquidationValue\":10095.21}",
                        "\"aggregatedBalance\":{}").replace("\"liquidationValue\":10000.01", "\"x\":1"))))
                .hasMessage("accounts[0].aggregatedBalance.liquidationValue: missing");
    }

    @Test
    void wrongTypesAreRejectedWithoutEchoingValues() {
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"type\":\"MARGIN\"", "\"type\":\"SAVINGS\""))))
                .hasMessage("accounts[0].securitiesAccount.type: must be CASH or MARGIN");
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree("{\"accounts\":[]}")))
                .hasMessage("accounts: not an array");
    }

    @Test
    void absurdNumbersAreRejected() {
        assertThatThrownBy(() -> TraderMapper.accounts(TraderClient.JSON.readTree(
                ACCOUNTS.replace("\"longQuantity\":10", "\"longQuantity\":99999999999999"))))
                .hasMessage("accounts[0].securitiesAccount.positions[0].longQuantity: out of range");
    }
}
