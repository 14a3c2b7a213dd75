package io.dashtam.platform.runtime;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.net.ssl.SSLContext;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Uses the otherwise idle second core at start-up for one-time JDK work the main thread reaches later: the P-256
 * tables behind the first ECDSA signature (checking that the server key matches its certificate, then every TLS
 * handshake) and JSSE's default context with its trust store. Like Spring Boot's own background pre-initializer,
 * it only warms shared JDK state: nothing is handed over, and whatever fails here fails again, with its real message,
 * where the application does the same work. Registered in {@code META-INF/spring.factories}.
 */
class StartupWarmup implements ApplicationListener<ApplicationStartingEvent> {

    static final String THREAD_NAME = "dashtam-warmup";

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        start();
    }

    /** A daemon thread, so it never holds up a JVM that is done (a one-shot command, a failed start). */
    static Thread start() {
        Thread thread = new Thread(StartupWarmup::warmUp, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void warmUp() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(generator.generateKeyPair().getPrivate());
            signature.update(new byte[32]);
            signature.sign();
            SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites();
        } catch (Exception | LinkageError ignored) {
            // Only a head start: the same operations run for real later and report their own failures there.
        }
    }
}
