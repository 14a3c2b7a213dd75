package io.dashtam.testing;

import io.dashtam.providers.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The app's waits in tests: the test clock moves forward instead of the thread sleeping; each wait is kept. */
public final class ClockSleeper implements Sleeper {

    public static final ClockSleeper INSTANCE = new ClockSleeper();

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        TestEnvironment.CLOCK.advance(duration);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
    }
}
