package io.dashtam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The CA of fake outside parties (a fake Schwab on MockWebServer). The app trusts it only because the harness
 * points {@code dashtam.providers.outbound-ca-file} at {@link #trustBundle()} (this CA plus the test server CA,
 * so the app can also call its own built-in sandbox), exactly as an operator sets {@code DASHTAM_OUTBOUND_CA_FILE}.
 */
public final class ProviderTestCa {

    private static final ProviderTestCa INSTANCE = new ProviderTestCa();

    private final HeldCertificate ca;
    private final Path trustBundle;

    private ProviderTestCa() {
        ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Dashtam test provider CA")
                .ecdsa256().build();
        try {
            Path dir = Files.createTempDirectory("dashtam-provider-ca");
            dir.toFile().deleteOnExit();
            trustBundle = dir.resolve("outbound-ca.pem");
            Files.writeString(trustBundle, ca.certificatePem()
                    + Files.readString(TestTls.instance().material().caCertificate()));
            trustBundle.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProviderTestCa instance() {
        return INSTANCE;
    }

    public HeldCertificate ca() {
        return ca;
    }

    public Path trustBundle() {
        return trustBundle;
    }

    /** Server certificates for a fake provider on localhost / 127.0.0.1, issued by this CA. */
    public HandshakeCertificates serverCertificates() {
        HeldCertificate server = new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName(
                "localhost").addSubjectAlternativeName("127.0.0.1").signedBy(ca).ecdsa256().build();
        return new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    }

    /** Server certificates from a CA nobody trusts: a provider impostor. */
    public static HandshakeCertificates untrustedServerCertificates() {
        HeldCertificate rogue = new HeldCertificate.Builder().certificateAuthority(0).commonName("Rogue CA")
                .ecdsa256().build();
        HeldCertificate server = new HeldCertificate.Builder().commonName("localhost")
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").signedBy(rogue)
                .ecdsa256().build();
        return new HandshakeCertificates.Builder().heldCertificate(server, rogue.certificate()).build();
    }

    /** A client for tests that trusts exactly this CA (to talk to the fakes directly). */
    public HandshakeCertificates clientCertificates() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    }
}
