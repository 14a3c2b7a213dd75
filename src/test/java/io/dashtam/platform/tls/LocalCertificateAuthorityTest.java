package io.dashtam.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void issuesACaAndAServerCertificateForLocalhostAndExtraNames() throws Exception {
        var ca = new LocalCertificateAuthority(dir);
        var material = ca.ensureServerCertificate(List.of("app", "dashtam-test-app"));
        assertThat(material.issued()).isTrue();
        X509Certificate server = LocalCertificateAuthority.readCertificates(material.certificate()).get(0);
        X509Certificate root = LocalCertificateAuthority.readCertificates(material.caCertificate()).get(0);
        server.verify(root.getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                .contains("localhost", "127.0.0.1", "app", "dashtam-test-app");
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(Files.getPosixFilePermissions(material.privateKey()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        LocalCertificateAuthority.verifyPair(material.certificate(), material.privateKey());
    }

    @Test
    void reusesTheCertificateUntilANewNameIsNeeded() throws Exception {
        var ca = new LocalCertificateAuthority(dir);
        var first = ca.ensureServerCertificate(List.of("app"));
        String pem = Files.readString(first.certificate());
        var again = ca.ensureServerCertificate(List.of("app"));
        assertThat(again.issued()).isFalse();
        assertThat(Files.readString(again.certificate())).isEqualTo(pem);
        String caPem = Files.readString(first.caCertificate());
        var renamed = ca.ensureServerCertificate(List.of("app", "other"));
        assertThat(renamed.issued()).isTrue();
        assertThat(Files.readString(renamed.caCertificate())).as("the CA is kept").isEqualTo(caPem);
    }

    @Test
    void aKeyFromAnotherPairIsDetected() {
        var a = new LocalCertificateAuthority(dir.resolve("a")).ensureServerCertificate(List.of());
        var b = new LocalCertificateAuthority(dir.resolve("b")).ensureServerCertificate(List.of());
        assertThatThrownBy(() -> LocalCertificateAuthority.verifyPair(a.certificate(), b.privateKey()))
                .hasMessageContaining("does not match");
    }

    @Test
    void aServerCertificateFromAnotherCaIsReissued() throws Exception {
        var ours = new LocalCertificateAuthority(dir.resolve("ours")).ensureServerCertificate(List.of());
        var other = new LocalCertificateAuthority(dir.resolve("other")).ensureServerCertificate(List.of());
        // Someone replaced our CA's server pair with one issued by another CA.
        Files.copy(other.certificate(), ours.certificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.privateKey(), ours.privateKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var again = new LocalCertificateAuthority(dir.resolve("ours")).ensureServerCertificate(List.of());
        assertThat(again.issued()).isTrue();
        X509Certificate server = LocalCertificateAuthority.readCertificates(again.certificate()).get(0);
        server.verify(LocalCertificateAuthority.readCertificates(again.caCertificate()).get(0).getPublicKey());
    }

    @Test
    void writesPkcs8KeysAndRefusesGarbage() throws Exception {
        var material = new LocalCertificateAuthority(dir).ensureServerCertificate(List.of());
        assertThat(Files.readString(material.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(LocalCertificateAuthority.readPrivateKey(material.privateKey()).getAlgorithm()).isEqualTo("EC");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> LocalCertificateAuthority.verifyPair(material.certificate(), garbage))
                .hasMessageContaining("cannot read private key");
    }
}
