package io.dashtam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every integration test JVM shares: system properties set before the first context starts (they outrank
 * application.yml and the machine's environment), and the clock the app reads.
 */
public final class TestEnvironment {

    public static final MutableClock CLOCK = new MutableClock();
    private static volatile Path home;

    private TestEnvironment() {
    }

    static synchronized void install() {
        if (home != null) {
            return;
        }
        try {
            home = Files.createTempDirectory("dashtam-it-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var tls = TestTls.instance().material();
        System.setProperty("dashtam.home", home.toString());
        System.setProperty("dashtam.tls.cert-file", tls.certificate().toString());
        System.setProperty("dashtam.tls.key-file", tls.privateKey().toString());
        System.setProperty("dashtam.database.mode", "test");
    }

    public static Path home() {
        install();
        return home;
    }
}
