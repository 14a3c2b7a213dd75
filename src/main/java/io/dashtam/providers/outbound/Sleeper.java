package io.dashtam.providers.outbound;

import io.dashtam.providers.ProviderCallException;
import java.time.Duration;

/**
 * How provider calls wait (rate limits, Retry-After, backoff). A bean, so tests replace it with one that moves
 * the injected clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Real waiting; interruption ends the wait early with the thread's interrupt flag set. */
    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "interrupted while waiting");
        }
    };

    void sleep(Duration duration);
}
