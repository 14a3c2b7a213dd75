package io.dashtam.sync;

import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.TransactionPage;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A provider's fetch as one run uses it: every call within the retry policy ({@link ProviderCalls}; waits reported
 * to the run), each of its requests within the provider's shared budget with the lease renewed right before it (the
 * session's client does both), and a refused credential (401 before its recorded expiry) refreshed once for the
 * whole run and the call repeated once. A 401 again after that, or a 403, settles the connection
 * ({@code refused}); nothing loops.
 */
final class GuardedFetch implements ProviderFetch {

    private final String provider;
    private final ProviderCalls calls;
    private final SyncRunner.Progress progress;
    private final UnaryOperator<SyncConnections.SyncSession> reopen;
    private final Consumer<ProviderCallException> refused;
    private volatile SyncConnections.SyncSession session;
    private boolean renewed;

    GuardedFetch(SyncConnections.SyncSession session, String provider, ProviderCalls calls,
            SyncRunner.Progress progress, UnaryOperator<SyncConnections.SyncSession> reopen,
            Consumer<ProviderCallException> refused) {
        this.session = session;
        this.provider = provider;
        this.calls = calls;
        this.progress = progress;
        this.reopen = reopen;
        this.refused = refused;
    }

    @Override
    public List<ProviderAccount> accounts() {
        return call(ProviderFetch::accounts);
    }

    @Override
    public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
        return call(fetch -> fetch.transactions(account, from, to));
    }

    /** The current session's: SimpleFIN never renews its session, and an OAuth provider reports no warnings. */
    @Override
    public List<String> warnings() {
        return session.fetch().warnings();
    }

    private <T> T call(Function<ProviderFetch, T> request) {
        SyncConnections.SyncSession used = session;
        try {
            return budgeted(request, used);
        } catch (ProviderCallException e) {
            if (e.kind() != ProviderCallException.Kind.UNAUTHORIZED) {
                settle(e);
                throw e;
            }
            synchronized (this) {
                // Windows refused together (parallel calls) refresh once; later ones use the renewed session.
                if (session == used) {
                    if (renewed) {
                        throw settledAfterRefresh(e);
                    }
                    renewed = true;
                    session = reopen.apply(used);
                }
            }
        }
        try {
            return budgeted(request, session);
        } catch (ProviderCallException again) {
            if (again.kind() == ProviderCallException.Kind.UNAUTHORIZED) {
                throw settledAfterRefresh(again);
            }
            settle(again);
            throw again;
        }
    }

    /** A 401 for a token refreshed during this run: no second refresh, the connection goes to error. */
    private ProviderCallException settledAfterRefresh(ProviderCallException e) {
        var settled = new ProviderCallException(ProviderCallException.Kind.REFUSED, e.getMessage()
                + " right after a successful token refresh; reconnect it");
        refused.accept(settled);
        return settled;
    }

    private <T> T budgeted(Function<ProviderFetch, T> request, SyncConnections.SyncSession with) {
        // The session's client waits for the budget and renews the lease before each of its requests.
        return calls.call(provider, () -> request.apply(with.fetch()), progress::waited);
    }

    private void settle(ProviderCallException e) {
        if (e.kind() == ProviderCallException.Kind.FORBIDDEN || e.kind() == ProviderCallException.Kind.REFUSED) {
            refused.accept(e);
        }
    }
}
