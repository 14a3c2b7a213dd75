package io.dashtam.sync;

import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.RateLimit;
import io.dashtam.providers.TransactionPage;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A provider's fetch as one run uses it: every call within the provider's shared request budget and retry policy
 * ({@link ProviderCalls}; waits reported to the run), the lease renewed before each call, and a refused credential
 * (401 before its recorded expiry) refreshed once for the whole run and the call repeated once. A 401 again after
 * that, or a 403, settles the connection ({@code refused}); nothing loops.
 */
final class GuardedFetch implements ProviderFetch {

    private final String provider;
    private final RateLimit limit;
    private final ProviderCalls calls;
    private final SyncRunner.Progress progress;
    private final UnaryOperator<SyncConnections.Session> reopen;
    private final Consumer<ProviderCallException> refused;
    private volatile SyncConnections.Session session;
    private boolean renewed;

    GuardedFetch(SyncConnections.Session session, String provider, RateLimit limit, ProviderCalls calls,
            SyncRunner.Progress progress, UnaryOperator<SyncConnections.Session> reopen,
            Consumer<ProviderCallException> refused) {
        this.session = session;
        this.provider = provider;
        this.limit = limit;
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
        SyncConnections.Session used = session;
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
                        refused.accept(e);
                        throw e;
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
                refused.accept(again);
            }
            settle(again);
            throw again;
        }
    }

    private <T> T budgeted(Function<ProviderFetch, T> request, SyncConnections.Session with) {
        return calls.call(provider, limit, () -> {
            progress.beforeCall();
            return request.apply(with.fetch());
        }, progress::waited);
    }

    private void settle(ProviderCallException e) {
        if (e.kind() == ProviderCallException.Kind.FORBIDDEN || e.kind() == ProviderCallException.Kind.REFUSED) {
            refused.accept(e);
        }
    }
}
