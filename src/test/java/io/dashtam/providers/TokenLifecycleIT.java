package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.AesGcm;
import io.dashtam.core.UserId;
import io.dashtam.providers.authorization.Grants;
import io.dashtam.providers.authorization.KeyRotation;
import io.dashtam.providers.authorization.OAuthTokenClient;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.TokenCipher;
import io.dashtam.providers.authorization.TokenMaintenance;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Refresh with several instances, the 6.5-day reauth point and the 7-day deadline, and key rotation. */
class TokenLifecycleIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    ProviderAccess access;
    @Autowired
    TokenMaintenance maintenance;
    @Autowired
    SeededConnections seeds;
    @Autowired
    ProviderTokens tokens;
    @Autowired
    TokenCipher cipher;
    @Autowired
    KeyRotation appRotation;
    @Autowired
    ProvidersProperties properties;
    @Autowired
    OAuthTokenClient tokenClient;
    @Autowired
    ProviderRegistry registry;
    @Value("${dashtam.crypto.encryption-keys}")
    String appKeys;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    /** An active Schwab connection authorized at {@code authorizedAt}, its access token expiring at {@code accessExpires}. */
    record Seeded(ConnectionId id, String refreshToken) {
    }

    Seeded seed(UserId owner, Instant authorizedAt, Instant accessExpires) {
        Connection active = seeds.active(owner, "schwab", authorizedAt);
        String refresh = schwab.grant(authorizedAt);
        seeds.storeTokens(active, refresh, accessExpires, authorizedAt);
        return new Seeded(active.id(), refresh);
    }

    String status(ConnectionId id) {
        return jdbc.sql("SELECT status FROM provider_connections WHERE id = :id").param("id", id.value())
                .query(String.class).single();
    }

    @Test
    void twoInstancesRefreshEachDueTokenExactlyOnce() throws Exception {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        List<Seeded> due = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            due.add(seed(owner, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(2))));
        }
        Seeded notDue = seed(owner, now, now.plus(Duration.ofMinutes(30)));

        // Two schedulers racing on one database, each with its own connections and transactions.
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(instances.submit(() -> {
                start.await();
                return maintenance.refreshDue();
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        instances.shutdown();

        assertThat(total).isEqualTo(24);
        assertThat(schwab.tokenCalls()).isEqualTo(24);
        due.forEach(s -> assertThat(schwab.refreshCallsFor(s.refreshToken())).as(s.id().toString()).isEqualTo(1));
        assertThat(schwab.refreshCallsFor(notDue.refreshToken())).isZero();
        // A second pass finds nothing due.
        assertThat(maintenance.refreshDue()).isZero();
        assertThat(schwab.tokenCalls()).isEqualTo(24);
        // The refreshed tokens are the ones the fake now accepts.
        assertThat(schwab.isAccessTokenValid(access.open(due.get(0).id()).accessToken().value())).isTrue();
    }

    @Test
    void twoInstancesWithTheirOwnPoolsRefreshEachTokenOnce() throws Exception {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        List<Seeded> due = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            due.add(seed(owner, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1))));
        }
        try (SecondInstance other = new SecondInstance(properties, cipher, tokenClient, registry)) {
            ExecutorService both = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> mine = both.submit(() -> {
                start.await();
                return maintenance.refreshDue();
            });
            Future<Integer> theirs = both.submit(() -> {
                start.await();
                return other.maintenance.refreshDue();
            });
            start.countDown();
            int total = mine.get() + theirs.get();
            both.shutdown();
            assertThat(total).isEqualTo(30);
        }
        assertThat(schwab.tokenCalls()).isEqualTo(30);
        due.forEach(s -> assertThat(schwab.refreshCallsFor(s.refreshToken())).isEqualTo(1));
    }

    /**
     * Issue 24: the refresh used to hold the token and connection rows locked inside a transaction for the whole
     * token call. Now it claims the row, calls with nothing open, and stores in a second short transaction.
     */
    @Test
    void aRefreshWaitingOnTheTokenEndpointHoldsNoTransactionOrLock() throws Exception {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        Seeded seeded = seed(owner, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(2)));
        schwab.failNextTokenCall(FakeSchwab.stalled()); // answers after 10 s
        var refresh = java.util.concurrent.CompletableFuture.supplyAsync(maintenance::refreshDue);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (schwab.tokenCalls() < 1) {
            assertThat(System.nanoTime()).as("the token call was sent").isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(500);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state LIKE 'idle in transaction%'").query(Long.class).single())
                .as("no transaction open while the token endpoint is waited on").isZero();
        for (String table : List.of("provider_tokens WHERE connection_id", "provider_connections WHERE id")) {
            assertThat(jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM " + table + " = :id FOR UPDATE NOWAIT) x")
                    .param("id", seeded.id().value()).query(Long.class).single()).as(table + " is not locked")
                    .isOne();
        }
        assertThat(refresh.get(60, java.util.concurrent.TimeUnit.SECONDS)).isOne();
        // The stalled answer was malformed: recorded as a failure to retry later, the claim given back.
        assertThat(jdbc.sql("SELECT refresh_failures = 1 AND refresh_claim IS NULL FROM provider_tokens "
                + "WHERE connection_id = :id").param("id", seeded.id().value()).query(Boolean.class).single())
                .isTrue();
        // Not due again for the tests after this one that count due tokens.
        jdbc.sql("DELETE FROM provider_tokens WHERE connection_id = :id").param("id", seeded.id().value()).update();
    }

    @Test
    void providerOutageIsRetriedWithBackoff() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        Seeded s = seed(owner, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)));
        schwab.failNextTokenCall(FakeSchwab.json(503, Map.of("message", "down")));
        assertThat(maintenance.refreshDue()).isEqualTo(1);
        assertThat(schwab.refreshCallsFor(s.refreshToken())).isZero();
        // Not retried at once...
        assertThat(maintenance.refreshDue()).isZero();
        // ...but after the backoff.
        clock.advance(Grants.backoff(1).plusSeconds(1));
        assertThat(maintenance.refreshDue()).isEqualTo(1);
        assertThat(schwab.refreshCallsFor(s.refreshToken())).isEqualTo(1);
        assertThat(status(s.id())).isEqualTo("active");
        assertThat(jdbc.sql("SELECT refresh_failures FROM provider_tokens WHERE connection_id = :id")
                .param("id", s.id().value()).query(Integer.class).single()).isZero();
    }

    @Test
    void reauthRequiredAtSixAndAHalfDaysThenExpiredAtTheDeadline() {
        var user = newUser();
        UserId owner = UserId.of(user.userId());
        Instant now = clock.instant();
        Seeded s = seed(owner, now, now.plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofHours(156).plusMinutes(1));
        maintenance.enforceLifetimes();
        assertThat(status(s.id())).isEqualTo("reauth_required");
        String reason = jdbc.sql("SELECT status_reason FROM provider_connections WHERE id = :id")
                .param("id", s.id().value()).query(String.class).single();
        assertThat(reason).contains(now.plus(Duration.ofDays(7)).toString().substring(0, 16));
        // Syncs go on until the deadline: the session still opens (refreshing the stale access token).
        assertThat(schwab.isAccessTokenValid(access.open(s.id()).accessToken().value())).isTrue();
        assertThat(access.activeConnections()).extracting(ConnectionInfo::id).contains(s.id());

        clock.advance(Duration.ofHours(12));
        assertThatThrownBy(() -> access.open(s.id())).isInstanceOf(ConnectionUnusableException.class)
                .hasMessageContaining("expired").hasMessageContaining("re-authorize");
        assertThat(status(s.id())).isEqualTo("expired");
        assertThat(access.activeConnections()).extracting(ConnectionInfo::id).doesNotContain(s.id());
        assertThat(jdbc.sql("SELECT count(*) FROM provider_tokens WHERE connection_id = :id")
                .param("id", s.id().value()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE subject = :s ORDER BY id")
                .param("s", "connection:" + s.id()).query(String.class).list())
                .contains("provider.connection.reauth_required", "provider.connection.expired");
        // The owner was mailed at both steps (through the outbox), with the deadline and never a token.
        var mails = jdbc.sql("SELECT subject || ' ' || body FROM outbox WHERE recipient = :r ORDER BY created_at")
                .param("r", user.email()).query(String.class).list();
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("Re-authorize", "schwab",
                now.plus(Duration.ofDays(7)).toString().substring(0, 16)));
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("expired"));
        assertThat(String.join("\n", mails)).doesNotContain(s.refreshToken());
    }

    @Test
    void theJobExpiresConnectionsPastTheirDeadlineWithoutASync() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        Seeded s = seed(owner, now, now.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofDays(7));
        maintenance.enforceLifetimes();
        assertThat(status(s.id())).isEqualTo("expired");
    }

    @Test
    void ciphertextCopiedToAnotherRowDoesNotDecrypt() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        Seeded a = seed(owner, now, now.plus(Duration.ofMinutes(30)));
        Seeded b = seed(owner, now, now.plus(Duration.ofMinutes(30)));
        jdbc.sql("UPDATE provider_tokens SET sealed = (SELECT sealed FROM provider_tokens WHERE connection_id = :a) "
                + "WHERE connection_id = :b").param("a", a.id().value()).param("b", b.id().value()).update();
        var stolen = tokens.find(b.id()).orElseThrow();
        assertThatThrownBy(() -> cipher.open(b.id(), stolen.sealed())).isInstanceOf(AesGcm.DecryptionFailedException.class);
        assertThat(cipher.open(a.id(), tokens.find(a.id()).orElseThrow().sealed()).refreshToken().value())
                .isEqualTo(a.refreshToken());
    }

    @Test
    void keyRotationReencryptsInBatchesUnderTheNewKey() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        List<Seeded> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(seed(owner, now, now.plus(Duration.ofMinutes(30))));
        }
        String oldKeyId = cipher.activeKeyId();
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        // The operator's change: a new key first, the old ones after it.
        TokenCipher rotated = new TokenCipher("k-new:" + Base64.getEncoder().encodeToString(fresh) + "," + appKeys);
        KeyRotation rotation = appRotation.with(rotated);
        assertThat(rotation.remaining()).isGreaterThanOrEqualTo(7);
        assertThat(rotation.rotateBatch(3)).isEqualTo(3);
        // Mid-rotation every row is readable with the new ring.
        rows.forEach(r -> assertThat(rotated.open(r.id(), tokens.find(r.id()).orElseThrow().sealed()).refreshToken()
                .value()).isEqualTo(r.refreshToken()));
        int rest = rotation.rotateAll(2, io.dashtam.core.RequestOrigin.SYSTEM, owner);
        assertThat(rotation.remaining()).isZero();
        assertThat(rest).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("SELECT DISTINCT key_id FROM provider_tokens").query(String.class).list())
                .containsExactly("k-new").doesNotContain(oldKeyId);
        rows.forEach(r -> assertThat(rotated.open(r.id(), tokens.find(r.id()).orElseThrow().sealed()).refreshToken()
                .value()).isEqualTo(r.refreshToken()));
        // This app instance does not know k-new: such a row is put in error once, never retried in a loop.
        clock.advance(Duration.ofMinutes(26));
        assertThat(maintenance.refreshDue()).isEqualTo(7);
        assertThat(maintenance.refreshDue()).isZero();
        rows.forEach(r -> assertThat(status(r.id())).isEqualTo("error"));
        assertThatThrownBy(() -> access.open(rows.get(0).id())).isInstanceOf(ConnectionUnusableException.class);
        assertThat(schwab.tokenCalls()).isZero();
        jdbc.sql("DELETE FROM provider_tokens WHERE key_id = 'k-new'").update();
    }

    @Test
    void rotationEndpointIsForAdminsOnly() {
        var user = newUser();
        assertThat(user.client().post("/api/v1/admin/providers/rotate-keys", Map.of()).status()).isEqualTo(403);
    }
}
