package io.dashtam.providers;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for provider calls: TLS trusting the JDK's CAs plus {@code DASHTAM_OUTBOUND_CA_FILE} and,
 * in dev, the app's own local CA (so the built-in sandbox is reachable over verified HTTPS). No redirects are
 * followed: a provider that redirects a token call is treated as a failure.
 */
@Component
class OutboundHttp {

    private final List<Path> extraCas;
    private final ProvidersProperties properties;
    // Built on first use: loading the JDK's CA list takes a while and many starts make no provider call. The CA
    // files are still read at start, so a bad DASHTAM_OUTBOUND_CA_FILE fails the start.
    private volatile HttpClient client;

    OutboundHttp(ProvidersProperties properties, Environment environment) {
        this.properties = properties;
        List<Path> extra = new ArrayList<>();
        if (properties.outboundCaFile() != null && !properties.outboundCaFile().isBlank()) {
            extra.add(Path.of(properties.outboundCaFile()));
        }
        String localCa = environment.getProperty("dashtam.tls.generated-ca", "");
        if (!localCa.isBlank()) {
            extra.add(Path.of(localCa));
        }
        try {
            OutboundTls.checkCaFiles(extra);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("DASHTAM_OUTBOUND_CA_FILE: " + e.getMessage(), e);
        }
        this.extraCas = List.copyOf(extra);
    }

    HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().sslContext(OutboundTls.sslContext(extraCas))
                            .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1).build();
                }
                built = client;
            }
        }
        return built;
    }

    java.time.Duration requestTimeout() {
        return properties.requestTimeout();
    }
}
