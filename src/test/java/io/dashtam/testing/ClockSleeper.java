package io.dashtam.testing;

import io.dashtam.providers.outbound.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The app's waits in tests: the test clock moves forward instead of the thread sleeping; each wait is kept. */
public final class ClockSleeper implements Sleeper {

    public static final ClockSleeper INSTANCE = new ClockSleeper();

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Runnable> duringNextWait = new AtomicReference<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        Runnable meanwhile = duringNextWait.getAndSet(null);
        if (meanwhile != null) {
            meanwhile.run();
        }
        TestEnvironment.CLOCK.advance(duration);
    }

    /** Runs once, at the start of the next wait, before the clock moves on: what others do while one instance waits. */
    public void duringNextWait(Runnable action) {
        duringNextWait.set(action);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
        duringNextWait.set(null);
    }
}
