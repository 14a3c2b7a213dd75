package io.dashtam.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dashtam.DashtamApplication;
import io.dashtam.platform.tls.LocalCertificateAuthority;
import io.dashtam.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

/** Misconfiguration stops start-up with a message naming the setting, before anything listens. */
class StartupFailureIT {

    @TempDir
    Path dir;

    private Throwable start(String... args) {
        TestEnvironment.home();
        SpringApplication app = new SpringApplication(DashtamApplication.class);
        return catchThrowable(() -> app.run(args).close());
    }

    @Test
    void unreadableCertificateNamesTheSetting() {
        Throwable failure = start("--dashtam.tls.cert-file=" + dir.resolve("missing.pem"),
                "--dashtam.tls.key-file=" + dir.resolve("missing-key.pem"));
        assertThat(failure).isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("SSL_CERT_FILE:");
    }

    @Test
    void certificateWithAnotherKeyIsRefused() {
        var first = new LocalCertificateAuthority(dir.resolve("a")).ensureServerCertificate(java.util.List.of());
        var second = new LocalCertificateAuthority(dir.resolve("b")).ensureServerCertificate(java.util.List.of());
        Throwable failure = start("--dashtam.tls.cert-file=" + first.certificate(),
                "--dashtam.tls.key-file=" + second.privateKey());
        assertThat(failure).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("SSL_CERT_FILE/SSL_KEY_FILE").hasMessageContaining("does not match");
    }

    @Test
    void garbageCertificateIsRefused() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");
        assertThat(start("--dashtam.tls.cert-file=" + cert, "--dashtam.tls.key-file=" + key))
                .isInstanceOf(ConfigurationProblem.class).hasMessageContaining("cannot read certificate");
    }

    @Test
    void prodWithoutDatabaseIsRefused() {
        var tls = new LocalCertificateAuthority(dir).ensureServerCertificate(java.util.List.of());
        Throwable failure = start("--spring.profiles.active=prod", "--dashtam.database.mode=",
                "--dashtam.tls.cert-file=" + tls.certificate(), "--dashtam.tls.key-file=" + tls.privateKey());
        assertThat(failure).isInstanceOf(ConfigurationProblem.class);
        assertThat(((ConfigurationProblem) failure).setting()).isIn("DATABASE_URL", "DASHTAM_ENCRYPTION_KEYS",
                "DASHTAM_JWT_KEYS");
    }

    @Test
    void prodWithoutEncryptionKeyIsRefused() {
        var tls = new LocalCertificateAuthority(dir).ensureServerCertificate(java.util.List.of());
        Throwable failure = start("--spring.profiles.active=prod",
                "--spring.datasource.url=jdbc:postgresql://localhost:1/none",
                "--dashtam.crypto.jwt-keys=k1:" + "A".repeat(43) + "=",
                "--dashtam.tls.cert-file=" + tls.certificate(), "--dashtam.tls.key-file=" + tls.privateKey());
        assertThat(failure).isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("DASHTAM_ENCRYPTION_KEYS:");
    }

    @Test
    void malformedDatabaseUrlNamesItWithoutEchoingThePassword() {
        Throwable failure = start("--DATABASE_URL=mysql://user:hunter2-secret@db/app");
        assertThat(failure).isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("DATABASE_URL:")
                .hasMessageNotContaining("hunter2-secret");
    }

    @Test
    void unreadableOutboundCaFileNamesTheSetting() {
        var database = io.dashtam.testing.TestDatabases.instance().newDatabase();
        Throwable failure;
        try {
            failure = start("--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username="
                    + database.username(), "--spring.datasource.password=" + (database.password() == null ? ""
                    : database.password()), "--server.port=0", "--management.server.port=0",
                    "--dashtam.providers.callback-listener.enabled=false",
                    "--dashtam.providers.outbound-ca-file=" + dir.resolve("no-such-ca.pem"));
        } finally {
            io.dashtam.testing.TestDatabases.instance().drop(database);
        }
        assertThat(failure).isNotNull()
                .hasStackTraceContaining("DASHTAM_OUTBOUND_CA_FILE: cannot build the outbound TLS context: cannot read "
                        + "CA file");
    }
}
