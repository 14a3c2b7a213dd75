package io.dashtam.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import io.dashtam.testing.TestTls;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsIT extends IntegrationTest {

    @Test
    void healthAnswersOverHttpsWithDatabaseAndVersion() {
        var response = api().get("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        assertThat(response.json().get("database").get("status").asString()).isEqualTo("UP");
        assertThat(response.json().get("version").asString()).isNotBlank();
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        for (var response : new TestClient.Response[] {api().get("/health"), api().get("/api/v1/users/me")}) {
            assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000")
                    .contains("includeSubDomains");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("X-Trace-Id")).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void clientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
        var jdkDefaults = new TestClient("https://localhost:" + port, SSLContext.getDefault());
        assertThatThrownBy(() -> jdkDefaults.get("/health")).hasCauseInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }

    @Test
    void plainHttpOnTheApiPortIsRefused() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).doesNotContain("\"status\":\"UP\"").doesNotStartWith("HTTP/1.1 200");
        } catch (java.net.SocketException reset) {
            // a reset connection is a refusal too
        }
    }

    @Test
    void onlyTls12AndTls13AreOffered() throws Exception {
        SSLContext context = TestTls.instance().sslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        } catch (IllegalArgumentException | javax.net.ssl.SSLException disabledInJdk) {
            // the JDK itself refuses TLS 1.1 now: nothing below 1.2 can be negotiated either way
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).contains("ECDHE").containsAnyOf("GCM", "CHACHA20");
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }
}
