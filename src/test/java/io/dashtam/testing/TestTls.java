package io.dashtam.testing;

import io.dashtam.platform.tls.LocalCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA made for this test run, which only the test clients trust: the app under test serves a certificate
 * it issued (configured the production way, as a PEM pair), and every client checks it.
 */
public final class TestTls {

    private static final TestTls INSTANCE = new TestTls();

    private final LocalCertificateAuthority.Material material;
    private final SSLContext trustingContext;

    private TestTls() {
        try {
            Path dir = Files.createTempDirectory("dashtam-test-ca");
            dir.toFile().deleteOnExit();
            material = new LocalCertificateAuthority(dir).ensureServerCertificate(List.of());
            trustingContext = trusting(material.caCertificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestTls instance() {
        return INSTANCE;
    }

    public LocalCertificateAuthority.Material material() {
        return material;
    }

    /** Trusts exactly the given CA file, nothing else (not even the JDK's roots). */
    public SSLContext sslContext() {
        return trustingContext;
    }

    /** The trust manager behind {@link #sslContext()} (for clients that take it apart, e.g. OkHttp). */
    public javax.net.ssl.X509TrustManager trustManager() {
        return trustManager(material.caCertificate());
    }

    public static javax.net.ssl.X509TrustManager trustManager(Path caPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : LocalCertificateAuthority.readCertificates(caPem)) {
                store.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust manager for " + caPem, e);
        }
    }

    public static SSLContext trusting(Path caPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : LocalCertificateAuthority.readCertificates(caPem)) {
                store.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an SSLContext for " + caPem, e);
        }
    }
}
