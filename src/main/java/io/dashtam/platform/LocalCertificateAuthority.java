package io.dashtam.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
            KeyPair caKeys;
            X509Certificate ca;
            if (Files.exists(caCertificate()) && Files.exists(dir.resolve("ca-key.pem"))) {
                ca = readCertificates(caCertificate()).get(0);
                caKeys = new KeyPair(ca.getPublicKey(), readPrivateKey(dir.resolve("ca-key.pem")));
            } else {
                caKeys = newKeyPair();
                ca = issueCa(caKeys);
                writePem(dir.resolve("ca-key.pem"), caKeys.getPrivate(), true);
                writePem(caCertificate(), ca, false);
            }
            if (Files.exists(cert) && Files.exists(key) && stillGood(readCertificates(cert).get(0), ca, wanted)) {
                return new Material(caCertificate(), cert, key, false);
            }
            KeyPair serverKeys = newKeyPair();
            X509Certificate server = issueServer(ca, caKeys.getPrivate(), serverKeys, wanted);
            writePem(key, serverKeys.getPrivate(), true);
            writePem(cert, server, false);
            return new Material(caCertificate(), cert, key, true);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
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

    static PrivateKey readPrivateKey(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("not a PEM private key");
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
            server.verify(ca.getPublicKey());
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

    private static boolean isIp(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate issueCa(KeyPair keys)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=Dashtam local CA " + Long.toHexString(RANDOM.nextLong()) + ",O=Dashtam");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys.getPrivate());
    }

    private static X509Certificate issueServer(X509Certificate ca, PrivateKey caKey, KeyPair keys, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_LIFETIME)),
                new X500Name("CN=" + names.iterator().next() + ",O=Dashtam"), keys.getPublic());
        GeneralName[] sans = names.stream()
                .map(n -> isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, CertificateException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }

    private static void writePem(Path target, Object object, boolean secret) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            // Private keys as PKCS#8 ("PRIVATE KEY"), the form every TLS stack reads.
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        }
        Path tmp = Files.createTempFile(target.getParent(), ".tmp", ".pem");
        if (secret) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, out.toString());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
