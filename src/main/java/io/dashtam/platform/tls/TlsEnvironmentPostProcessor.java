package io.dashtam.platform.tls;

import io.dashtam.platform.runtime.ConfigurationProblem;
import io.dashtam.platform.runtime.Environments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Serves HTTPS only: uses the configured PEM certificate (SSL_CERT_FILE / SSL_KEY_FILE) after checking it, or
 * creates a local CA and a server certificate under {@code dashtam.home}, then points a hot-reloading Spring SSL
 * bundle at the files. A bundle configured the Spring way is left alone.
 */
public class TlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String BUNDLE = "dashtam-server";
    public static final String GENERATED_CA = "dashtam.tls.generated-ca";

    /** TLS 1.3's AEAD suites plus ECDHE + AEAD on TLS 1.2: forward secret only, no CBC, no DHE. */
    static final String CIPHERS = String.join(",",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (application.getWebApplicationType() == WebApplicationType.NONE
                || env.containsProperty("server.ssl.bundle")) {
            return;
        }
        String certFile = env.getProperty("dashtam.tls.cert-file", "");
        String keyFile = env.getProperty("dashtam.tls.key-file", "");
        Path cert;
        Path key;
        Map<String, Object> props = new HashMap<>();
        // SSL_CERT_FILE alone is OpenSSL's convention for a CA bundle (many machines set it): it only names our
        // server certificate together with SSL_KEY_FILE.
        if (!keyFile.isBlank()) {
            if (certFile.isBlank()) {
                throw new ConfigurationProblem("SSL_CERT_FILE", "SSL_KEY_FILE is set but SSL_CERT_FILE is not");
            }
            cert = Path.of(certFile).toAbsolutePath();
            key = Path.of(keyFile).toAbsolutePath();
            if (!Files.isReadable(cert)) {
                throw new ConfigurationProblem("SSL_CERT_FILE", "cannot read " + cert);
            }
            if (!Files.isReadable(key)) {
                throw new ConfigurationProblem("SSL_KEY_FILE", "cannot read " + key);
            }
            try {
                LocalCertificateAuthority.verifyPair(cert, key);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationProblem("SSL_CERT_FILE/SSL_KEY_FILE", e.getMessage());
            }
        } else {
            if (Environments.isProductionLike(env)) {
                throw new ConfigurationProblem("SSL_CERT_FILE", "required in " + Environments.name(env)
                        + " (a local CA is only created in dev, test and ci)");
            }
            String names = env.getProperty("dashtam.tls.names", "");
            var material = new LocalCertificateAuthority(Environments.home(env).resolve("tls"))
                    .ensureServerCertificate(Arrays.asList(names.split(",")));
            cert = material.certificate();
            key = material.privateKey();
            props.put(GENERATED_CA, material.caCertificate().toString());
        }
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".";
        props.put(prefix + "keystore.certificate", "file:" + cert);
        props.put(prefix + "keystore.private-key", "file:" + key);
        // Checked pairs only: a certificate renewed before its key keeps the old pair serving until both match.
        props.put(prefix + "keystore.verify-keys", "true");
        // The in-memory store Spring builds from the PEM files: as PKCS12 every load re-derives a PBKDF2 key for
        // the entry (10,000 rounds, twice per connector), a quarter of a second of start-up for a store that never
        // leaves memory and whose key is already in memory anyway.
        props.put(prefix + "keystore.type", "JKS");
        // JKS entries need a password: a random one per process, for a store that exists only in this JVM.
        props.put("spring.ssl.bundle.pem." + BUNDLE + ".key.password", java.util.UUID.randomUUID().toString());
        props.put(prefix + "reload-on-update", "true");
        props.put(prefix + "options.ciphers", CIPHERS);
        props.put(prefix + "options.enabled-protocols", "TLSv1.3,TLSv1.2");
        props.put("server.ssl.bundle", BUNDLE);
        props.put("server.ssl.enabled", "true");
        props.put("management.server.ssl.bundle", BUNDLE);
        props.put("management.server.ssl.enabled", "true");
        env.getPropertySources().addLast(new MapPropertySource("dashtamTls", props));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
