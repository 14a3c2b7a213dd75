package io.dashtam.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.dashtam.core.RequestOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The standalone HTTPS listener serving the registered redirect URI (dev https://127.0.0.1:8182, test 8183):
 * {@code /} completes the callback and {@code /oauth/connect} opens a connect link, exactly as on the app.
 * TLS only, with the app's own server certificate (SSL bundle {@code dashtam-server}, reloaded with it), and the
 * security headers the platform adds to the app's responses.
 */
@Component
class CallbackListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallbackListener.class);
    static final String BUNDLE = "dashtam-server";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src data:; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final ProvidersProperties.Listener settings;
    private final SslBundles bundles;
    private final OAuthFlow flow;
    /** Besides "/", the path of the registered redirect URI when it has one (e.g. https://127.0.0.1:8182/callback). */
    private final String callbackPath;
    private volatile HttpsServer server;
    private volatile ExecutorService executor;

    CallbackListener(ProvidersProperties properties, org.springframework.beans.factory.ObjectProvider<SslBundles> bundles,
            OAuthFlow flow) {
        this.settings = properties.callbackListener();
        this.bundles = bundles.getIfAvailable();
        this.flow = flow;
        String path = java.net.URI.create(properties.schwab().redirectUri()).getRawPath();
        this.callbackPath = path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || server != null) {
            return;
        }
        if (bundles == null) {
            throw new IllegalStateException("DASHTAM_OAUTH_CALLBACK_PORT: the OAuth callback listener needs the "
                    + "server TLS certificate (SSL bundle " + BUNDLE + ")");
        }
        try {
            server = HttpsServer.create(new InetSocketAddress(settings.address(), settings.port()), 50);
        } catch (BindException e) {
            throw new IllegalStateException("DASHTAM_OAUTH_CALLBACK_PORT: port " + settings.port() + " on "
                    + settings.address() + " is already in use");
        } catch (IOException e) {
            throw new IllegalStateException("DASHTAM_OAUTH_CALLBACK_PORT: cannot listen on " + settings.address()
                    + ":" + settings.port() + " (" + e.getMessage() + ")");
        }
        configure(bundles.getBundle(BUNDLE));
        bundles.addBundleUpdateHandler(BUNDLE, this::configure);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "oauth-callback-listener");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("OAuth callback listener on https://{}:{}", settings.address(), port());
    }

    /** A renewed certificate applies to new connections, like the app's own port. */
    private void configure(SslBundle bundle) {
        SSLContext context = bundle.createSslContext();
        var options = bundle.getOptions();
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                if (options.getEnabledProtocols() != null) {
                    ssl.setProtocols(options.getEnabledProtocols());
                }
                // The bundle names suites the OpenSSL way (for Tomcat); JSSE wants IANA names, so apply the
                // same policy here: forward-secret AEAD suites only.
                ssl.setCipherSuites(java.util.Arrays.stream(ssl.getCipherSuites())
                        .filter(c -> c.startsWith("TLS_AES_") || c.startsWith("TLS_CHACHA20_")
                                || c.startsWith("TLS_ECDHE_") && (c.contains("_GCM_") || c.contains("CHACHA20")))
                        .toArray(String[]::new));
                params.setSSLParameters(ssl);
            }
        });
    }

    /** The bound port (the configured one, or the one the OS chose for port 0). */
    int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (RuntimeException e) {
            log.error("OAuth callback listener failed: {}", e.getClass().getSimpleName());
            send(exchange, new CallbackResult(500, "Error", "An unexpected error occurred.", false), true);
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        {
            String path = exchange.getRequestURI().getRawPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, new CallbackResult(405, "Method Not Allowed", "Only GET is served here.", false));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean html = OAuthCallbackController.wantsHtml(exchange.getRequestHeaders().getFirst("Accept"));
            if (path.equals("/oauth/connect")) {
                var link = flow.openLink(query.get("link"));
                if (link.isPresent()) {
                    headers(exchange);
                    exchange.getResponseHeaders().set("Location", link.get().authorizationUrl());
                    exchange.getResponseHeaders().add("Set-Cookie",
                            OAuthCallbackController.cookie(link.get().cookieValue(), link.get().maxAgeSeconds()));
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    send(exchange, CallbackResult.badRequest("This connect link is invalid, expired or was already "
                            + "used. Start again from Dashtam."), html);
                }
                return;
            }
            if (!path.equals("/") && !path.equals(callbackPath)) {
                send(exchange, new CallbackResult(404, "Not Found", "Nothing here.", false), html);
                return;
            }
            String ua = exchange.getRequestHeaders().getFirst("User-Agent");
            var origin = new RequestOrigin(exchange.getRemoteAddress().getAddress().getHostAddress(), ua);
            send(exchange, flow.complete(null, query, cookie(exchange.getRequestHeaders().get("Cookie")), origin), html);
        }
    }

    private static void send(HttpExchange exchange, CallbackResult result) throws IOException {
        send(exchange, result, true);
    }

    private static void send(HttpExchange exchange, CallbackResult result, boolean html) throws IOException {
        byte[] body = result.body(html).getBytes(StandardCharsets.UTF_8);
        headers(exchange);
        exchange.getResponseHeaders().set("Content-Type", result.contentType(html));
        exchange.sendResponseHeaders(result.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void headers(HttpExchange exchange) {
        var h = exchange.getResponseHeaders();
        h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", CSP);
        h.set("Cache-Control", "no-store");
    }

    /** Each value decoded exactly once, so Schwab's {@code code=...%40} becomes {@code ...@}. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: treat the parameter as absent
            }
        }
        return out;
    }

    static String cookie(java.util.List<String> headers) {
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(OAuthFlow.COOKIE + "=")) {
                    return p.substring(OAuthFlow.COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
