package io.dashtam.sync;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.RateLimit;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Connections for the sync integration tests: the real ones (through the providers module), plus brokerage
 * connections registered here that point at a per-test {@link FakeSchwab} (reached over real HTTPS with
 * certificate checks), so each test controls its own provider data and faults without an OAuth dance per test.
 */
@Component
@Primary
public class TestSyncConnections implements SyncConnections {

    private final ProviderConnections real;
    private final ProviderAccess providers;
    private final ProviderCalls calls;

    TestSyncConnections(ProviderConnections real, ProviderAccess providers, ProviderCalls calls) {
        this.real = real;
        this.providers = providers;
        this.calls = calls;
    }

    /** The Schwab adapter's fetch against a fake, with the fake's token. */
    public static ProviderFetch fetch(ProviderAccess providers, FakeSchwab fake) {
        return fetch(providers, fake, HTTP);
    }

    private static ProviderFetch fetch(ProviderAccess providers, FakeSchwab fake, HttpClient http) {
        var session = new ProviderSession(ConnectionId.random(), UserId.random(), "schwab", fake.baseUrl(),
                new Secret(fake.token()), http);
        return providers.adapter("schwab").orElseThrow().open(session, Duration.ofSeconds(5));
    }

    private static final Map<UUID, Entry> CONNECTIONS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(FakeSchwab.clientContext())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private record Entry(SyncTarget connection, FakeSchwab fake) {
    }

    public static UUID register(String userId, String category, String status, FakeSchwab fake) {
        return register(UUID.randomUUID(), userId, category, status, fake);
    }

    /** Points an existing connection id (e.g. one seeded for another process) at a fake, in this instance. */
    public static UUID register(UUID id, String userId, String category, String status, FakeSchwab fake) {
        CONNECTIONS.put(id, new Entry(new SyncTarget(id, UserId.of(userId), "schwab", category, status), fake));
        return id;
    }

    public static void status(UUID id, String status) {
        CONNECTIONS.computeIfPresent(id, (k, e) -> new Entry(new SyncTarget(id, e.connection().userId(),
                e.connection().providerKey(), e.connection().category(), status), e.fake()));
    }

    public static void forget(UUID id) {
        CONNECTIONS.remove(id);
    }

    public static void clear() {
        CONNECTIONS.clear();
    }

    @Override
    public Optional<SyncTarget> find(UUID connectionId) {
        return Optional.ofNullable(CONNECTIONS.get(connectionId)).map(Entry::connection)
                .or(() -> real.find(connectionId));
    }

    @Override
    public List<SyncTarget> active() {
        var registered = CONNECTIONS.values().stream().map(Entry::connection)
                .filter(c -> "active".equals(c.status()));
        return java.util.stream.Stream.concat(registered, real.active().stream()).toList();
    }

    @Override
    public SyncSession reopen(UUID connectionId, SyncSession rejected, ProviderCalls.WaitListener waits) {
        return CONNECTIONS.containsKey(connectionId) ? SyncConnections.super.reopen(connectionId, rejected, waits)
                : real.reopen(connectionId, rejected, waits);
    }

    @Override
    public void refused(UUID connectionId, boolean revoked, String reason) {
        if (CONNECTIONS.containsKey(connectionId)) {
            status(connectionId, revoked ? "revoked" : "error");
        } else {
            real.refused(connectionId, revoked, reason);
        }
    }

    @Override
    public SyncSession open(UUID connectionId, ProviderCalls.WaitListener waits) {
        Entry entry = CONNECTIONS.get(connectionId);
        if (entry == null) {
            return real.open(connectionId, waits);
        }
        if (!entry.connection().syncable()) {
            throw new UnusableException("connection is " + entry.connection().status() + "; reconnect it to sync");
        }
        // Within Schwab's shared budget, as the real connections are.
        var adapter = providers.adapter("schwab").orElseThrow();
        var limit = calls.rateLimit("schwab", RateLimit.perMinute(adapter.limits().requestsPerMinute()).orElse(null));
        return new SyncSession(fetch(providers, entry.fake(), calls.budgeted(HTTP, "schwab", limit, waits)),
                adapter.limits());
    }

    @Override
    public Optional<io.dashtam.providers.BudgetSpent> requestBudgetSpent(UUID connectionId) {
        return CONNECTIONS.containsKey(connectionId) ? Optional.empty() : real.requestBudgetSpent(connectionId);
    }

    @Override
    public void warned(UUID connectionId, io.dashtam.providers.ProviderWarnings warnings) {
        if (!CONNECTIONS.containsKey(connectionId)) {
            real.warned(connectionId, warnings);
        }
    }

    @Override
    public Duration interval(UUID connectionId, Duration configured) {
        return CONNECTIONS.containsKey(connectionId) ? configured : real.interval(connectionId, configured);
    }
}
