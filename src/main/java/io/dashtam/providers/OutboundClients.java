package io.dashtam.providers;

import io.dashtam.providers.outbound.OutboundHttp;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The provider calls' HTTP client (TLS trusting the JDK's CAs, {@code DASHTAM_OUTBOUND_CA_FILE} and in dev the
 * app's own CA; no redirects) for other outside parties (the ECB's rates), used with {@link ProviderCalls} for
 * budget and retries.
 */
@Component
public class OutboundClients {

    private final OutboundHttp http;

    OutboundClients(OutboundHttp http) {
        this.http = http;
    }

    public HttpClient client() {
        return http.client();
    }

    public Duration requestTimeout() {
        return http.requestTimeout();
    }
}
