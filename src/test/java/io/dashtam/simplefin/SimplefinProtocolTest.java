package io.dashtam.simplefin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class SimplefinProtocolTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void setupTokenDecodesToAnHttpsClaimUrlAndNeverPrintsIt() {
        var token = SimplefinSetupToken.parse("  " + b64("https://bridge.example/simplefin/claim/SECRET123") + "\n");
        assertThat(token.claimUrl().toString()).isEqualTo("https://bridge.example/simplefin/claim/SECRET123");
        assertThat(token.toString()).contains("bridge.example").doesNotContain("SECRET123");
    }

    @Test
    void accountKeysOverSixtyFourCharactersAreTheirSha256InHex() {
        // Keys name stored accounts (fetch references): pinned, computed outside Java, so they never drift.
        var shortKey = new SimplefinAccountSet.SimplefinAccount("Org", "acc-1", "Checking", "USD", BigDecimal.ONE,
                null, Instant.EPOCH, java.util.List.of(), null);
        assertThat(SimplefinMapping.accountKey(shortKey)).isEqualTo("Org/acc-1");
        var longKey = new SimplefinAccountSet.SimplefinAccount("A".repeat(40), "b".repeat(30), "Checking", "USD",
                BigDecimal.ONE, null, Instant.EPOCH, java.util.List.of(), null);
        assertThat(SimplefinMapping.accountKey(longKey))
                .isEqualTo("9bbc4b551cca2bc8269b6e5f1084ef284c443cc4850830629137fbfe1042f226");
    }

    @Test
    void setupTokenRefusesWhatIsNotAnHttpsClaimUrl() {
        assertThatThrownBy(() -> SimplefinSetupToken.parse(b64("http://bridge.example/claim/x")))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> SimplefinSetupToken.parse("not base64 at all!"))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> SimplefinSetupToken.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SimplefinSetupToken.parse(b64("https://u:p@bridge.example/claim/x")))
                .hasMessageContaining("credentials");
    }

    @Test
    void accessUrlSplitsIntoBaseAndBasicAuthorizationAndRedactsItself() {
        var url = SimplefinAccessUrl.of("https://user1:pa%40ss@bridge.example:8443/simplefin/");
        assertThat(url.base().toString()).isEqualTo("https://bridge.example:8443/simplefin");
        assertThat(url.authorization().value())
                .isEqualTo("Basic " + b64("user1:pa@ss"));
        assertThat(url.toString()).doesNotContain("user1").doesNotContain("pa%40ss").contains("redacted");
        assertThat(url.authorization().toString()).doesNotContain("Basic");
    }

    @Test
    void accessUrlWithoutCredentialsOrHttpsIsRefused() {
        assertThatThrownBy(() -> SimplefinAccessUrl.of("https://bridge.example/simplefin"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> SimplefinAccessUrl.of("http://u:p@bridge.example/simplefin"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> SimplefinAccessUrl.of("<html>oops</html>")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void accountSetParsesAmountsExactlyPendingCustomCurrencyHoldingsAndSanitizedErrors() {
        var set = SimplefinAccountSet.parse(JSON.readTree("""
                {"errors": ["Connection to <b>First Bank</b> failed:\\u0007 log in at https://me:pw@firstbank.example", ""],
                 "accounts": [
                  {"org": {"name": "Second Bank", "sfin-url": "https://b.example"}, "id": "acc-1", "name": "Checking",
                   "currency": "usd", "balance": "-1234.5600", "available-balance": "100.00", "balance-date": 1700000000,
                   "transactions": [
                     {"id": "t1", "posted": 1699990000, "amount": "-1234.5600", "description": "Rent", "transacted_at": 1699980000},
                     {"id": "t2", "posted": 0, "amount": "20.10", "description": "Pending refund", "pending": true}
                   ]},
                  {"org": {"domain": "points.example", "sfin-url": "https://p.example"}, "id": "acc-2", "name": "Points",
                   "currency": "https://points.example/currency", "balance": "48210", "balance-date": 1700000000,
                   "holdings": [{"id": "h1", "symbol": "VTI", "description": "Vanguard", "currency": "USD",
                     "shares": "10.5", "cost_basis": "2000.00", "market_value": "2412.34", "purchase_price": "190.47"}]}
                 ]}"""));
        assertThat(set.errors()).containsExactly(
                "Connection to First Bank failed: log in at https://firstbank.example");
        var checking = set.accounts().get(0);
        assertThat(checking.currency()).isEqualTo("USD");
        assertThat(checking.balance()).isEqualTo(new BigDecimal("-1234.5600"));
        assertThat(checking.balanceDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(checking.holdings()).isNull();
        var rent = checking.transactions().get(0);
        assertThat(rent.amount()).isEqualTo(new BigDecimal("-1234.5600")).isEqualByComparingTo("-1234.56");
        assertThat(rent.pending()).isFalse();
        assertThat(rent.transactedAt()).isEqualTo(Instant.ofEpochSecond(1_699_980_000));
        var pending = checking.transactions().get(1);
        assertThat(pending.pending()).isTrue();
        assertThat(pending.posted()).isNull();
        var points = set.accounts().get(1);
        assertThat(points.customCurrency()).isTrue();
        assertThat(points.orgName()).isEqualTo("points.example");
        assertThat(points.holdings()).singleElement().satisfies(h -> {
            assertThat(h.shares()).isEqualTo(new BigDecimal("10.5"));
            assertThat(h.marketValue()).isEqualTo(new BigDecimal("2412.34"));
        });
    }

    @Test
    void malformedAccountSetNamesTheFieldNotTheValue() {
        assertThatThrownBy(() -> SimplefinAccountSet.parse(JSON.readTree("""
                {"errors": [], "accounts": [{"id": "a", "currency": "USD", "balance": "12,50 SECRET",
                 "balance-date": 1}]}""")))
                .hasMessage("accounts[0].balance: not a number");
        assertThatThrownBy(() -> SimplefinAccountSet.parse(JSON.readTree("""
                {"errors": [], "accounts": [{"id": "a", "currency": "dollars", "balance": "1", "balance-date": 1}]}""")))
                .hasMessageContaining("accounts[0].currency");
        assertThatThrownBy(() -> SimplefinAccountSet.parse(JSON.readTree("""
                {"errors": [], "accounts": [{"id": "a", "currency": "USD", "balance": "1", "balance-date": 1,
                 "transactions": [{"id": "t", "posted": 0, "amount": "1"}]}]}""")))
                .hasMessageContaining("transactions[0].posted: missing");
        assertThatThrownBy(() -> SimplefinAccountSet.parse(JSON.readTree("{\"errors\": []}")))
                .hasMessageContaining("accounts missing");
    }

    @Test
    void bridgeTextLosesControlCharactersMarkupAndLength() {
        assertThat(BridgeText.sanitize("a\u202Eb\u0000c  \n d<script>x</script>")).isEqualTo("abc dx");
        assertThat(BridgeText.sanitize("x".repeat(900))).hasSize(500).endsWith("…");
    }
}
