package io.dashtam.providers;

import io.dashtam.sync.SchwabData;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The test fakes of Charles Schwab on their own, for the staging walk (a container on the staging network, started
 * by scripts/staging-walk.sh): the OAuth fake ({@link FakeSchwab}: authorize, token with Basic client
 * authentication and the exact registered redirect URI, single-use codes, 30-minute access tokens) on one port and
 * the trader-API fake ({@link io.dashtam.sync.FakeSchwab}: accountNumbers, accounts with positions, transactions
 * with Schwab's date rules and 3,000-row cap) on another, which accepts the access tokens the first one issued.
 * One CASH account with {@code FAKE_SCHWAB_TRANSACTIONS} trades over the last 300 days (deterministic: the walk
 * compares the count). Settings (environment): {@code FAKE_SCHWAB_CERT} (PEM chain, leaf first),
 * {@code FAKE_SCHWAB_KEY} (PKCS#8 PEM), {@code FAKE_SCHWAB_REDIRECT_URI}, {@code FAKE_SCHWAB_OAUTH_PORT} (8443),
 * {@code FAKE_SCHWAB_API_PORT} (8444), {@code FAKE_SCHWAB_TRANSACTIONS} (120).
 */
public final class FakeSchwabServer {

    private FakeSchwabServer() {
    }

    public static void main(String[] args) throws Exception {
        var tls = serverTls(Path.of(env("FAKE_SCHWAB_CERT", null)), Path.of(env("FAKE_SCHWAB_KEY", null)));
        InetAddress any = InetAddress.getByName("0.0.0.0");
        int oauthPort = Integer.parseInt(env("FAKE_SCHWAB_OAUTH_PORT", "8443"));
        int apiPort = Integer.parseInt(env("FAKE_SCHWAB_API_PORT", "8444"));
        int count = Integer.parseInt(env("FAKE_SCHWAB_TRANSACTIONS", "120"));

        FakeSchwab oauth = new FakeSchwab(any, oauthPort, tls.sslSocketFactory(),
                env("FAKE_SCHWAB_REDIRECT_URI", null), Clock.systemUTC());
        var trader = new io.dashtam.sync.FakeSchwab(oauth::isAccessTokenValid, any, apiPort, tls.sslSocketFactory());
        trader.accounts(SchwabData.account(FakeSchwab.ACCOUNT_NUMBER, FakeSchwab.HASH_VALUE, "CASH", "10250.00",
                "2500.00", SchwabData.position("VTI", "922908769", "30", "250.00", "7750.00", "250.00")));
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            Instant time = now.minus(Duration.ofDays(300L * (i + 1) / (count + 1))).minusSeconds(i);
            trader.transaction(FakeSchwab.HASH_VALUE, time, i % 4 == 3
                    ? SchwabData.dividend(90_000_000L + i, time, "VALID", "1.25")
                    : SchwabData.trade(90_000_000L + i, time, "VALID", "VTI", "1", "250.00", "-250.65"));
        }
        System.out.println("fake-schwab: OAuth on " + oauthPort + ", trader API on " + apiPort + ", " + count
                + " transactions");
        new CountDownLatch(1).await(); // until the container stops
    }

    private static HandshakeCertificates serverTls(Path chainFile, Path keyFile) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        try (var in = Files.newInputStream(chainFile)) {
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) cert);
            }
        }
        String leafPem = okhttp3.tls.Certificates.certificatePem(chain.get(0));
        HeldCertificate held = HeldCertificate.decode(leafPem + Files.readString(keyFile));
        return new HandshakeCertificates.Builder()
                .heldCertificate(held, chain.subList(1, chain.size()).toArray(X509Certificate[]::new)).build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            return fallback;
        }
        return value;
    }
}
