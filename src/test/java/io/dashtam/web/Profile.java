package io.dashtam.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * BENCH_PROFILE=jfr: a JFR recording (profile settings) of just the measured requests, written to BENCH_JFR when
 * closed; otherwise nothing. A recording from JVM start would be mostly start-up and seeding.
 */
final class Profile implements AutoCloseable {

    private final Recording recording;

    private Profile(Recording recording) {
        this.recording = recording;
    }

    static Profile start() {
        if (!"jfr".equals(System.getenv("BENCH_PROFILE"))) {
            return new Profile(null);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
            return new Profile(recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try {
            recording.stop();
            recording.dump(Path.of(System.getenv().getOrDefault("BENCH_JFR", "target-bench/web-render.jfr")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recording.close();
        }
    }
}
