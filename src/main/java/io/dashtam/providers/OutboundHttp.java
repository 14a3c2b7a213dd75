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

    private final HttpClient client;
    private final ProvidersProperties properties;

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
        this.client = HttpClient.newBuilder().sslContext(OutboundTls.sslContext(extra))
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpClient client() {
        return client;
    }

    java.time.Duration requestTimeout() {
        return properties.requestTimeout();
    }
}
