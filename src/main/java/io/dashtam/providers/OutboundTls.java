package io.dashtam.providers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for calls to providers: the JDK's trusted CAs plus any extra CA files (e.g.
 * {@code DASHTAM_OUTBOUND_CA_FILE}, the local CA of the built-in sandbox). Certificates and host names are always
 * checked; there is no trust-all mode. Public so tests build the very same context.
 */
public final class OutboundTls {

    private OutboundTls() {
    }

    public static SSLContext sslContext(Collection<Path> extraCaFiles) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : jdkTrustedIssuers()) {
                store.setCertificateEntry("jdk-" + i++, ca);
            }
            for (Path file : extraCaFiles) {
                for (X509Certificate ca : readPem(file)) {
                    store.setCertificateEntry("extra-" + i++, ca);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the outbound TLS context: " + e.getMessage(), e);
        }
    }

    /** Throws the same error {@link #sslContext} would for an unreadable CA file or one without a certificate. */
    public static void checkCaFiles(Collection<Path> extraCaFiles) {
        try {
            for (Path file : extraCaFiles) {
                readPem(file);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the outbound TLS context: " + e.getMessage(), e);
        }
    }

    public static SSLContext sslContext(Path... extraCaFiles) {
        return sslContext(List.of(extraCaFiles));
    }

    /** Every certificate in a PEM file; a file without one is a configuration error, not an empty trust list. */
    static List<X509Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(file, "CA file");
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read CA file " + file);
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = factory.generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException("no certificate in CA file " + file);
            }
            return certs.stream().map(X509Certificate.class::cast).toList();
        }
    }

    private static List<X509Certificate> jdkTrustedIssuers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return List.of(x509.getAcceptedIssuers());
            }
        }
        return List.of();
    }
}
