package io.dashtam.providers.outbound;

import io.dashtam.providers.OutboundTls;
import io.dashtam.providers.connections.ProvidersProperties;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one HTTP client for provider calls: TLS trusting the JDK's CAs plus {@code DASHTAM_OUTBOUND_CA_FILE} and,
 * in dev, the app's own local CA (so the built-in sandbox is reachable over verified HTTPS). No redirects are
 * followed: a provider that redirects a token call is treated as a failure.
 */
@Component
public class OutboundHttp {

    private final ProvidersProperties properties;
    // Built on first use: loading the JDK's CA list takes a while and many starts make no provider call. The CA
    // file is still read at start, so a bad DASHTAM_OUTBOUND_CA_FILE fails the start.
    private final Supplier<HttpClient> client;

    OutboundHttp(ProvidersProperties properties, Environment environment) {
        this.properties = properties;
        List<Path> extra = new ArrayList<>();
        if (properties.outboundCaFile() != null && !properties.outboundCaFile().isBlank()) {
            extra.add(Path.of(properties.outboundCaFile()));
            try {
                OutboundTls.checkCaFiles(extra);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("DASHTAM_OUTBOUND_CA_FILE: " + e.getMessage(), e);
            }
        }
        String localCa = environment.getProperty("dashtam.tls.generated-ca", "");
        if (!localCa.isBlank()) {
            extra.add(Path.of(localCa));
        }
        this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().sslContext(OutboundTls.sslContext(extra))
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    public HttpClient client() {
        return client.get();
    }

    public java.time.Duration requestTimeout() {
        return properties.requestTimeout();
    }
}
