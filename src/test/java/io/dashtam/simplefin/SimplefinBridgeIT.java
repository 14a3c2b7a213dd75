package io.dashtam.simplefin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SimpleFIN's edge cases against a strict fake bridge over HTTPS: the claim, the sealed access URL, 403 on a second
 * claim, 403 after revocation, 402, an errors list beside partial data, pending then posted, exact amounts.
 */
class SimplefinBridgeIT extends IntegrationTest {

    private final FakeSimplefinBridge bridge = new FakeSimplefinBridge();

    @Autowired
    ProviderAccess access;

    @AfterEach
    void close() {
        bridge.close();
    }

    private String connect(Caller user, String setupToken) {
        String id = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias",
                "Bank " + UUID.randomUUID().toString().substring(0, 6))).json().get("id").asString();
        var pasted = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential",
                setupToken));
        assertThat(pasted.status()).as(pasted.body()).isEqualTo(200);
        return id;
    }

    private ProviderFetch fetch(String connectionId) {
        var session = access.open(new ConnectionId(UUID.fromString(connectionId)));
        return access.adapter("simplefin").orElseThrow().open(session, Duration.ofSeconds(10));
    }

    private static String accountSet(String errors, String transactions) {
        long balanceDate = TestClockSeconds.now();
        return """
                {"errors": [%s], "accounts": [
                  {"org": {"name": "Fake Bank", "sfin-url": "https://fake.example"}, "id": "chk-1", "name": "Checking",
                   "currency": "USD", "balance": "-1234.5600", "available-balance": "250.10",
                   "balance-date": %d, "transactions": [%s]}]}""".formatted(errors, balanceDate, transactions);
    }

    @Test
    void claimsOnceStoresTheAccessUrlSealedAndNeverShowsIt() {
        var user = newUser();
        String created = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias", "Bank"))
                .json().get("status").asString();
        assertThat(created).isEqualTo("pending");
        String id = connect(user, bridge.setupToken());
        var connection = user.client().get("/api/v1/connections/" + id);
        assertThat(connection.json().get("status").asString()).isEqualTo("active");
        assertThat(connection.json().path("deadline").isMissingNode() || connection.json().get("deadline").isNull())
                .isTrue();
        assertThat(bridge.claims()).isEqualTo(1);

        String accessUrl = bridge.issuedAccessUrls().get(0);
        String password = accessUrl.substring(accessUrl.lastIndexOf(':', accessUrl.indexOf('@')) + 1,
                accessUrl.indexOf('@'));
        byte[] sealed = jdbc.sql("SELECT sealed FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(password).doesNotContain("localhost");
        assertThat(jdbc.sql("SELECT key_id FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(id)).query(String.class).single()).isNotBlank();
        assertThat(connection.body()).doesNotContain(password);
        assertThat(user.client().get("/api/v1/connections").body()).doesNotContain(password);
        // The sealed URL opens for its own connection; copied onto another connection's row it does not decrypt.
        assertThat(fetch(id).accounts()).isEmpty();
        String other = connect(user, bridge.setupToken());
        jdbc.sql("UPDATE provider_credentials SET sealed = :s WHERE connection_id = :id").param("s", sealed)
                .param("id", UUID.fromString(other)).update();
        assertThatThrownBy(() -> fetch(other)).isNotInstanceOf(AssertionError.class);
    }

    @Test
    void aSetupTokenClaimedTwiceGetsAClearProblemAndChangesNothing() {
        var user = newUser();
        String token = bridge.setupToken();
        connect(user, token);
        String second = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias", "Again"))
                .json().get("id").asString();
        var refused = user.client().put("/api/v1/connections/" + second + "/credential", Map.of("credential", token));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("may have been used by someone else");
        assertThat(user.client().get("/api/v1/connections/" + second).json().get("status").asString())
                .isEqualTo("pending");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(second)).query(Long.class).single()).isZero();
    }

    @Test
    void badPastedTextIsAProblemNotAClaim() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias", "Bad"))
                .json().get("id").asString();
        var notBase64 = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential", "%%%"));
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(notBase64.json().get("detail").asString()).contains("not base64");
        var http = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential",
                java.util.Base64.getEncoder().encodeToString("http://localhost/claim/x".getBytes())));
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.json().get("detail").asString()).contains("https");
        assertThat(bridge.claims()).isZero();
        var sandbox = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Broker"))
                .json().get("id").asString();
        assertThat(user.client().put("/api/v1/connections/" + sandbox + "/credential", Map.of("credential",
                bridge.setupToken())).status()).isEqualTo(400);
        assertThat(bridge.claims()).isZero();
    }

    @Test
    void exactAmountsPendingThenPostedUnderTheSameIdInOneRequest() {
        var user = newUser();
        String id = connect(user, bridge.setupToken());
        long now = TestClockSeconds.now();
        bridge.answer(accountSet("", """
                {"id": "t-rent", "posted": %d, "amount": "-1234.5600", "description": "Rent"},
                {"id": "t-card", "posted": 0, "amount": "-42.10", "description": "Card swipe", "pending": true,
                 "transacted_at": %d}""".formatted(now - 86_400, now - 3_600)));
        // Like the engine, fix the end of the windows before fetching: the test clock runs in real time, and an end
        // taken later than the fetch's own "now" (plus its second of slack) would fall outside the one answer.
        Instant to = clock.instant();
        ProviderFetch fetch = fetch(id);
        ProviderAccount account = fetch.accounts().get(0);
        assertThat(account.balance().balance()).isEqualTo(new BigDecimal("-1234.5600"));
        assertThat(account.balance().cash()).isEqualTo(new BigDecimal("250.10"));
        assertThat(account.account().currency().getCurrencyCode()).isEqualTo("USD");
        var rows = fetch.transactions(account, to.minus(Duration.ofDays(30)), to).rows();
        assertThat(rows).extracting(r -> r.providerId() + " " + r.status() + " " + r.amount().toPlainString())
                .containsExactlyInAnyOrder("t-rent VALID -1234.5600", "t-card PENDING -42.10");
        // The engine's windows are cut from the one answer: one request per sync.
        assertThat(bridge.accountQueries()).hasSize(1);
        assertThat(bridge.accountQueries().get(0)).contains("pending=1").matches(".*start-date=\\d+.*end-date=\\d+.*");

        bridge.answer(accountSet("", """
                {"id": "t-card", "posted": %d, "amount": "-42.10", "description": "Card swipe",
                 "transacted_at": %d}""".formatted(now - 600, now - 3_600)));
        var posted = fetch(id);
        var card = posted.transactions(posted.accounts().get(0), to.minus(Duration.ofDays(30)), to).rows();
        assertThat(card).singleElement().satisfies(r -> {
            assertThat(r.providerId()).isEqualTo("t-card");
            assertThat(r.status()).isEqualTo("VALID");
            assertThat(r.occurredAt()).isEqualTo(Instant.ofEpochSecond(now - 600));
        });
    }

    @Test
    void bridgeErrorsComeSanitizedBesidePartialData() {
        var user = newUser();
        String id = connect(user, bridge.setupToken());
        bridge.answer(accountSet("\"Could not reach <b>Other Bank</b>\\u0000: sign in at https://me:pw@other.example\"",
                ""));
        ProviderFetch fetch = fetch(id);
        assertThat(fetch.accounts()).hasSize(1);
        assertThat(fetch.warnings()).containsExactly("Could not reach Other Bank: sign in at https://other.example");
    }

    @Test
    void forbiddenAfterRevocationRevokesTheConnectionAndDropsTheCredential() {
        var user = newUser();
        String id = connect(user, bridge.setupToken());
        bridge.revokeAll();
        assertThatThrownBy(() -> fetch(id).accounts()).isInstanceOfSatisfying(ProviderCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderCallException.Kind.FORBIDDEN);
            access.providerRefused(new ConnectionId(UUID.fromString(id)), true, e.getMessage());
        });
        var connection = user.client().get("/api/v1/connections/" + id).json();
        assertThat(connection.get("status").asString()).isEqualTo("revoked");
        assertThat(connection.get("statusReason").asString()).contains("new setup token");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isZero();

        // Reconnecting with a new setup token makes it active again.
        var again = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential",
                bridge.setupToken()));
        assertThat(again.json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void paymentRequiredPutsTheConnectionInErrorWithTheReason() {
        var user = newUser();
        String id = connect(user, bridge.setupToken());
        bridge.paymentRequired(true);
        assertThatThrownBy(() -> fetch(id).accounts()).isInstanceOfSatisfying(ProviderCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderCallException.Kind.REFUSED);
            access.providerRefused(new ConnectionId(UUID.fromString(id)), false, e.getMessage());
        });
        var connection = user.client().get("/api/v1/connections/" + id).json();
        assertThat(connection.get("status").asString()).isEqualTo("error");
        assertThat(connection.get("statusReason").asString()).isEqualTo("payment required at the bridge");
    }

    @Test
    void theRegistryListsSimplefinAsAPasteProvider() {
        var providers = newUser().client().get("/api/v1/providers").json();
        var simplefin = java.util.stream.StreamSupport.stream(providers.spliterator(), false)
                .filter(p -> p.get("key").asString().equals("simplefin")).findFirst().orElseThrow();
        assertThat(simplefin.toString()).contains("\"category\":\"bank\"");
        assertThat(simplefin.path("connectKind").asString(simplefin.path("authKind").asString()))
                .isIn("paste", "token");
    }

    /** The shared test clock in epoch seconds. */
    private static final class TestClockSeconds {
        static long now() {
            return io.dashtam.testing.TestEnvironment.CLOCK.instant().getEpochSecond();
        }
    }
}
