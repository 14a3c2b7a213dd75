package io.dashtam.sync;

import io.dashtam.providers.ProviderCallException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run on this instance: every provider call of it runs on this run's own threads, so stopping the run
 * (its connection was deleted, or the instance is shutting down) interrupts exactly those calls and their waits (rate
 * limit, Retry-After, backoff) and never a thread that is writing to the database. The thread driving the run only
 * waits for answers here and writes them, and notices a stop within a fraction of a second.
 */
final class RunControl implements AutoCloseable {

    /** Why a run was stopped before it ended. */
    enum Stop {
        CANCELLED("connection deleted"), HANDED_BACK("this instance is stopping; handed over to another one");

        final String reason;

        Stop(String reason) {
            this.reason = reason;
        }
    }

    /** Thrown where the driving thread notices the stop. */
    static final class StoppedException extends RuntimeException {
        final Stop stop;

        StoppedException(Stop stop) {
            super(stop.reason, null, false, false);
            this.stop = stop;
        }
    }

    private static final long CHECK_MILLIS = 100;

    private final ExecutorService calls;
    private volatile Stop stop;

    RunControl(int threads) {
        this.calls = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "sync-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a provider call on the run's threads. */
    <T> Future<T> submit(Callable<T> call) {
        check();
        try {
            return calls.submit(call);
        } catch (RejectedExecutionException e) {
            check();
            throw e;
        }
    }

    /** A provider call, waited for. */
    <T> T call(Callable<T> call) {
        return await(submit(call));
    }

    /**
     * The call's answer, its own failure rethrown as itself (API error, invalid data), or {@link StoppedException}
     * once the run was stopped, whatever the call is doing.
     */
    <T> T await(Future<T> future) {
        while (true) {
            try {
                return future.get(CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderCallException("sync interrupted");
            } catch (ExecutionException e) {
                check(); // a call that failed because it was interrupted by the stop
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                check();
                throw e;
            }
        }
    }

    /** Stops the run: the first reason wins; calls in flight are interrupted. */
    synchronized void stop(Stop why) {
        if (stop == null) {
            stop = why;
            calls.shutdownNow();
        }
    }

    Stop stopped() {
        return stop;
    }

    void check() {
        Stop s = stop;
        if (s != null) {
            throw new StoppedException(s);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
