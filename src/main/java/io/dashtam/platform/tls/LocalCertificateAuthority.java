package io.dashtam.platform.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * A local certificate authority in the style of mkcert: one CA kept in a directory, and a server certificate it
 * signs for the configured host names. Both are reused across starts; the server certificate is re-issued when
 * a name is added or it nears expiry. EC P-256 keys, so TLS uses ECDHE-ECDSA suites.
 */
public final class LocalCertificateAuthority {

    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public LocalCertificateAuthority(Path dir) {
        this.dir = dir;
    }

    /** Where the files live once {@link #ensureServerCertificate} has run. */
    public record Material(Path caCertificate, Path certificate, Path privateKey, boolean issued) {
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Material ensureServerCertificate(Collection<String> names) {
        Set<String> wanted = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.stream().map(String::trim).filter(n -> !n.isEmpty()).forEach(wanted::add);
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        try {
            Files.createDirectories(dir);
            Path caKey = dir.resolve("ca-key.pem");
            X509Certificate ca = Files.exists(caCertificate()) && Files.exists(caKey)
                    ? readCertificates(caCertificate()).get(0) : null;
            // The usual start reuses both files: JDK and Spring PEM readers only, so Bouncy Castle (slow to load)
            // is touched only when something has to be issued.
            if (ca != null && Files.exists(cert) && Files.exists(key)
                    && stillGood(readCertificates(cert).get(0), ca, wanted)) {
                return new Material(caCertificate(), cert, key, false);
            }
            KeyPair caKeys;
            if (ca != null) {
                caKeys = new KeyPair(ca.getPublicKey(), readPrivateKey(caKey));
            } else {
                caKeys = CertificateIssuer.newKeyPair();
                ca = CertificateIssuer.issueCa(caKeys, CA_LIFETIME);
                writePem(caKey, caKeys.getPrivate(), true);
                writePem(caCertificate(), ca, false);
            }
            KeyPair serverKeys = CertificateIssuer.newKeyPair();
            X509Certificate server = CertificateIssuer.issueServer(ca, caKeys.getPrivate(), serverKeys, wanted,
                    SERVER_LIFETIME);
            writePem(key, serverKeys.getPrivate(), true);
            writePem(cert, server, false);
            return new Material(caCertificate(), cert, key, true);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Throws with a readable reason unless the PEM files are readable and the key belongs to the certificate. */
    public static void verifyPair(Path certificate, Path privateKey) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = readCertificates(certificate);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read certificate " + certificate + " (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + certificate);
        }
        try {
            key = readPrivateKey(privateKey);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read private key " + privateKey);
        }
        if (!matches(chain.get(0), key)) {
            throw new IllegalArgumentException("private key " + privateKey + " does not match certificate "
                    + certificate);
        }
    }

    public static List<X509Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        }
    }

    /** PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM, read by Spring Boot's own parser. */
    static PrivateKey readPrivateKey(Path pem) throws IOException {
        try {
            PrivateKey key = PemContent.load(pem).getPrivateKey();
            if (key == null) {
                throw new IOException("not a PEM private key");
            }
            return key;
        } catch (IllegalStateException e) {
            // The parser's message may quote the file: keep it out of ours.
            throw new IOException("not a readable PEM private key");
        }
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean stillGood(X509Certificate server, X509Certificate ca, Set<String> wanted) {
        try {
            // Issued by this CA: its name carries a random part, so another CA never has it. Checked without
            // verifying the signature, which costs a noticeable part of start-up in pure-Java EC arithmetic; both
            // files are ours.
            if (!server.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                return false;
            }
            if (server.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return false;
            }
            Set<String> present = new HashSet<>();
            Collection<List<?>> sans = server.getSubjectAlternativeNames();
            if (sans != null) {
                sans.forEach(san -> present.add(normalize(String.valueOf(san.get(1)))));
            }
            return wanted.stream().map(LocalCertificateAuthority::normalize).allMatch(present::contains);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String normalize(String name) {
        if (isIp(name)) {
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (IOException e) {
                return name;
            }
        }
        return name.toLowerCase();
    }

    static boolean isIp(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static void writePem(Path target, Object object, boolean secret) throws IOException,
            GeneralSecurityException {
        // Private keys as PKCS#8 ("PRIVATE KEY"), the form every TLS stack reads; the JDK encodes both forms.
        String pem = object instanceof PrivateKey key ? pem("PRIVATE KEY", key.getEncoded())
                : pem("CERTIFICATE", ((X509Certificate) object).getEncoded());
        Path tmp = Files.createTempFile(target.getParent(), ".tmp", ".pem");
        if (secret) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, pem);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
