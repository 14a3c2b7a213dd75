package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import io.dashtam.providers.FakeSchwab;
import io.dashtam.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * A Schwab connection (through the providers module and the Schwab adapter, against the fake Schwab over HTTPS)
 * whose access token Schwab refuses (401) long before its recorded expiry: one refresh, one retry, and the run
 * succeeds; with a dead refresh token the connection becomes expired and the run fails with that reason, once.
 * A 401 again right after a successful refresh puts the connection in error; a 403 (access withdrawn at Schwab)
 * revokes it and deletes its tokens. Each fails the run with a readable reason, once, and nothing loops.
 */
class TokenRejectedMidSyncIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @Value("${dashtam.crypto.encryption-keys}")
    String encryptionKeys;

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();
    private Caller caller;
    private UUID connection;
    private String refreshToken;

    @BeforeEach
    void seedAndRejectTheAccessToken() {
        TestSyncConnections.clear();
        caller = newUser();
        refreshToken = schwab.grant(clock.instant());
        connection = seed(caller.userId(), schwab.issueAccessToken(), refreshToken);
        // Revoked early / key rotated: our record says the token is good for 2 more hours.
        schwab.rejectAccessTokensEarly();
    }

    @Test
    void a401WithAGoodRefreshTokenRefreshesExactlyOnceAndTheRunSucceeds() {
        int tokenCalls = schwab.tokenCalls();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(schwab.tokenCalls() - tokenCalls).isEqualTo(1);
        assertThat(schwab.refreshCallsFor(refreshToken)).isEqualTo(1);
        assertThat(run.get("accounts").asInt()).isEqualTo(1);
        assertThat(status()).isEqualTo("active");
        assertThat(run.toString()).doesNotContain(refreshToken);
    }

    @Test
    void a401WithADeadRefreshTokenExpiresTheConnectionAndFailsTheRunOnceWithThatReason() {
        schwab.failNextTokenCall(FakeSchwab.deadRefreshToken());
        int tokenCalls = schwab.tokenCalls();
        int traderCalls = schwab.traderCalls();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).startsWith("connection expired:")
                .contains("refresh failed").contains("unsupported_token_type");
        assertThat(status()).isEqualTo("expired");
        // No loop: one refused call, one refresh attempt, and no sync is scheduled for the expired connection.
        assertThat(schwab.tokenCalls() - tokenCalls).isEqualTo(1);
        assertThat(schwab.traderCalls() - traderCalls).isEqualTo(1);
        clock.advance(Duration.ofHours(7));
        worker.runDue();
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE connection_id = :c").param("c", connection)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(schwab.refreshCallsFor(refreshToken)).isZero();
    }

    @Test
    void a401AgainRightAfterASuccessfulRefreshPutsTheConnectionInErrorAndFailsTheRunOnce() {
        schwab.answerTraderCalls(401, "Client not authorized");
        int tokenCalls = schwab.tokenCalls();
        int traderCalls = schwab.traderCalls();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("GET /accounts/accountNumbers answered HTTP 401 (access "
                + "token refused) right after a successful token refresh; reconnect it");
        assertThat(status()).isEqualTo("error");
        assertThat(reason()).contains("HTTP 401", "right after a successful token refresh");
        // One refused call, exactly one refresh (it succeeded), one retry refused: then it stops.
        assertThat(schwab.tokenCalls() - tokenCalls).isEqualTo(1);
        assertThat(schwab.refreshCallsFor(refreshToken)).isEqualTo(1);
        assertThat(schwab.traderCalls() - traderCalls).isEqualTo(2);
        assertNothingMoreIsTried();
    }

    @Test
    void a403RevokesTheConnectionDeletesItsTokensAndFailsTheRunOnce() {
        schwab.answerTraderCalls(403, "Forbidden");
        int tokenCalls = schwab.tokenCalls();
        int traderCalls = schwab.traderCalls();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("error").asString())
                .isEqualTo("GET /accounts/accountNumbers answered HTTP 403 (access withdrawn at the provider)");
        assertThat(status()).isEqualTo("revoked");
        assertThat(reason()).isEqualTo("revoked: GET /accounts/accountNumbers answered HTTP 403 (access withdrawn "
                + "at the provider); authorize it again");
        assertThat(jdbc.sql("SELECT count(*) FROM provider_tokens WHERE connection_id = :c").param("c", connection)
                .query(Integer.class).single()).isZero();
        // No refresh for a 403, no retry.
        assertThat(schwab.tokenCalls() - tokenCalls).isZero();
        assertThat(schwab.traderCalls() - traderCalls).isEqualTo(1);
        assertNothingMoreIsTried();
    }

    /** The scheduler, hours later, neither syncs the connection again nor calls Schwab for it. */
    private void assertNothingMoreIsTried() {
        int traderCalls = schwab.traderCalls();
        clock.advance(Duration.ofHours(7));
        worker.runDue();
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE connection_id = :c").param("c", connection)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(schwab.traderCalls()).isEqualTo(traderCalls);
    }

    private String reason() {
        return jdbc.sql("SELECT status_reason FROM provider_connections WHERE id = :id").param("id", connection)
                .query(String.class).single();
    }

    private String status() {
        return jdbc.sql("SELECT status || coalesce(':' || status_reason, '') FROM provider_connections WHERE id = :id")
                .param("id", connection).query(String.class).single().split(":")[0];
    }

    private JsonNode sync() {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        worker.runDue();
        return caller.client().get("/api/v1/connections/" + connection + "/syncs/" + started.json().get("id")
                .asString()).json();
    }

    /** An authorized Schwab connection as the providers module stores one (tokens sealed under the app's key). */
    private UUID seed(String userId, String accessToken, String refresh) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO provider_connections (id, user_id, provider_key, category, alias, status, authorized_at,
                    deadline, created_at, updated_at)
                VALUES (:id, :u, 'schwab', 'brokerage', 'Early 401', 'active', :now, :deadline, :now, :now)""")
                .param("id", id).param("u", UUID.fromString(userId)).param("now", now)
                .param("deadline", Timestamp.from(clock.instant().plus(Duration.ofDays(7)))).update();
        var sealed = new AesGcm(KeyRing.parse("keys", encryptionKeys)).encrypt(
                ("{\"access\":\"" + accessToken + "\",\"refresh\":\"" + refresh + "\"}").getBytes(StandardCharsets.UTF_8),
                ("provider_tokens:" + id).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                INSERT INTO provider_tokens (connection_id, key_id, sealed, token_type, scope, access_expires_at,
                    refresh_expires_at, next_refresh_at, refreshed_at, updated_at)
                VALUES (:id, :key, :sealed, 'Bearer', 'api', :access, :refresh, :next, :now, :now)""")
                .param("id", id).param("key", sealed.keyId()).param("sealed", sealed.sealed())
                .param("access", Timestamp.from(clock.instant().plus(Duration.ofHours(2))))
                .param("refresh", Timestamp.from(clock.instant().plus(Duration.ofDays(7))))
                .param("next", Timestamp.from(clock.instant().plus(Duration.ofHours(1)))).param("now", now).update();
        return id;
    }
}
