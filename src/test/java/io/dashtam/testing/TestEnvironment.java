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
        installProviders();
        installOidc();
    }

    /** The in-test OpenID provider's port, held from start-up until it binds (see {@link #takeFakeSchwabPort}). */
    private static java.net.ServerSocket oidcReservation;
    private static volatile int oidcPort;

    /** Single sign-on is configured for every test context; the provider itself starts only when a test uses it. */
    private static void installOidc() {
        try {
            oidcReservation = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        oidcPort = oidcReservation.getLocalPort();
        System.setProperty("dashtam.oidc.issuer", "https://127.0.0.1:" + oidcPort);
        System.setProperty("dashtam.oidc.client-id", TestOpenIdProvider.CLIENT_ID);
        System.setProperty("dashtam.oidc.client-secret", TestOpenIdProvider.CLIENT_SECRET);
        System.setProperty("dashtam.oidc.name", "Test IdP");
    }

    /** For the in-test OpenID provider, right before it binds: frees the port held since start-up. */
    static synchronized int takeOidcPort() {
        install();
        if (oidcReservation != null) {
            try {
                oidcReservation.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            oidcReservation = null;
        }
        return oidcPort;
    }

    /** Fixed for the JVM before the shared context starts: where the fake Schwab and the OAuth listener live. */
    private static volatile int fakeSchwabPort;
    /** Holds the fake Schwab's port until it binds (lazily, minutes later) so no outgoing socket is given it. */
    private static java.net.ServerSocket fakeSchwabReservation;
    private static volatile int callbackListenerPort;

    private static void installProviders() {
        try {
            fakeSchwabReservation = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fakeSchwabPort = fakeSchwabReservation.getLocalPort();
        callbackListenerPort = freePort();
        String schwab = "https://localhost:" + fakeSchwabPort;
        System.setProperty("dashtam.providers.outbound-ca-file", ProviderTestCa.instance().trustBundle().toString());
        System.setProperty("dashtam.providers.schwab.auth-base-url", schwab);
        System.setProperty("dashtam.providers.schwab.api-base-url", schwab);
        System.setProperty("dashtam.providers.schwab.client-id", "dashtam-test-client");
        System.setProperty("dashtam.providers.schwab.client-secret", "test-client-secret-1");
        System.setProperty("dashtam.providers.callback-listener.port", Integer.toString(callbackListenerPort));
        // Fault tests wait out a stalled provider: keep them short.
        System.setProperty("dashtam.providers.request-timeout", "3s");
        System.setProperty("dashtam.providers.schwab.redirect-uri", "https://127.0.0.1:" + callbackListenerPort);
    }

    /** The port the fake Schwab (MockWebServer) must listen on: the app's Schwab base URLs point there. */
    public static int fakeSchwabPort() {
        install();
        return fakeSchwabPort;
    }

    /**
     * For the fake Schwab itself, right before it binds: frees the port held since start-up. A port only picked
     * and let go at start-up was once taken meanwhile (BindException, 41 tests failing in one CI run).
     */
    public static synchronized int takeFakeSchwabPort() {
        install();
        if (fakeSchwabReservation != null) {
            try {
                fakeSchwabReservation.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fakeSchwabReservation = null;
        }
        return fakeSchwabPort;
    }

    /** The standalone OAuth callback listener's port (the registered redirect URI is https://127.0.0.1:port). */
    public static int callbackListenerPort() {
        install();
        return callbackListenerPort;
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path home() {
        install();
        return home;
    }
}
