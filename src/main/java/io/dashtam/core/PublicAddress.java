package io.dashtam.core;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where people (and the built-in sandboxes' redirects) reach this app: {@code dashtam.public-url}
 * ({@code DASHTAM_PUBLIC_URL}), else https://localhost on the port the app listens on. Never a request's own host:
 * on the OAuth callback listener's port that is a port serving nothing but the callback.
 */
@Component
public class PublicAddress {

    private final Environment environment;

    public PublicAddress(Environment environment) {
        this.environment = environment;
    }

    /** The base URL, without a trailing slash. Read per call: the bound port is known only once the server runs. */
    public String base() {
        String configured = environment.getProperty("dashtam.public-url", "");
        if (!configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        return "https://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8000"));
    }
}
