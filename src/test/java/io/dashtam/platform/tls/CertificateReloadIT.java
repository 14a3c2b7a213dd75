package io.dashtam.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestTls;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** A renewed certificate (same CA, new key and serial) is served without a restart. */
class CertificateReloadIT extends IntegrationTest {

    @Test
    void renewedCertificateIsPickedUpWithoutRestart() throws Exception {
        BigInteger before = servedSerial();
        var tls = TestTls.instance().material();
        var renewed = new LocalCertificateAuthority(tls.caCertificate().getParent())
                .ensureServerCertificate(List.of("renewed-" + System.nanoTime() + ".test"));
        assertThat(renewed.issued()).isTrue();
        BigInteger expected = LocalCertificateAuthority.readCertificates(renewed.certificate()).get(0).getSerialNumber();

        // The bundle watcher notices file changes after a quiet period; poll the handshake until it does.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        BigInteger served = before;
        while (!served.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            served = servedSerial();
        }
        assertThat(served).isNotEqualTo(before).isEqualTo(expected);
        assertThat(api().get("/health").status()).isEqualTo(200);
    }

    private BigInteger servedSerial() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.instance().sslContext().getSocketFactory()
                .createSocket("localhost", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
