package io.dashtam.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of a running Dashtam (the test environment's {@code https://app:8000}, or any deployment):
 * plain JUnit and {@link HttpClient}, no Spring context. Trusts only the CA in {@code DASHTAM_SMOKE_CA_FILE}.
 * Excluded from the default failsafe run; it is only ever run on purpose, so missing settings fail it.
 */
class HealthSmokeIT {

    private static URI baseUrl;
    private static SSLContext trustingOnlyTheCa;

    @BeforeAll
    static void settings() throws IOException, GeneralSecurityException {
        String base = required("DASHTAM_SMOKE_BASE_URL");
        String caFile = required("DASHTAM_SMOKE_CA_FILE");
        baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        assertThat(baseUrl.getScheme()).as("DASHTAM_SMOKE_BASE_URL scheme").isEqualTo("https");
        trustingOnlyTheCa = sslContextTrusting(Path.of(caFile));
    }

    @Test
    void healthIsUpOverVerifiedHttps() throws Exception {
        HttpResponse<String> response = client(trustingOnlyTheCa).send(get("health"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body().replaceAll("\\s", ""))
                .contains("\"status\":\"UP\"")
                .contains("\"database\":{\"status\":\"UP\"");
    }

    @Test
    void everyResponseCarriesHsts() throws Exception {
        HttpResponse<Void> response = client(trustingOnlyTheCa).send(get("health"), HttpResponse.BodyHandlers.discarding());

        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aClientWithoutTheCaFailsTheHandshake() throws Exception {
        // The JDK's default trust store does not contain the environment's CA.
        HttpClient stranger = client(SSLContext.getDefault());

        assertThatThrownBy(() -> stranger.send(get("health"), HttpResponse.BodyHandlers.discarding()))
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static HttpClient client(SSLContext sslContext) {
        return HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An SSLContext whose only trust anchors are the certificates in the given PEM file. */
    private static SSLContext sslContextTrusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        assertThat(certificates).as("certificates in %s", pem).isNotEmpty();
        int i = 0;
        for (Certificate certificate : certificates) {
            trustStore.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        assertThat(value).as("environment variable %s (the smoke tests run only on purpose)", name).isNotBlank();
        return value;
    }
}
