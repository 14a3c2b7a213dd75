package io.dashtam.providers.authorization;

import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OAuth callback listener (dev https://127.0.0.1:8182, the redirect URI registered with Schwab): one more
 * Tomcat connector of the app itself, with the app's TLS material (SSL bundle {@code dashtam-server}, reloaded with
 * it), so the same filters, security headers and controller ({@link OAuthCallbackController}) serve it as the app's
 * own {@code /oauth/...} routes. On that port {@code /oauth/connect} opens a connect link, {@code /} (or a
 * registered redirect URI's path) completes the callback, {@value #STYLESHEET} styles its result page (the strict
 * CSP allows styles from this origin only), and everything else is 404: the port serves the callback and nothing
 * else.
 */
@Configuration(proxyBeanMethods = false)
public class CallbackListener {

    static final String BUNDLE = "dashtam-server";
    /** Set on requests that came in on the listener port; a client cannot set a request attribute. */
    static final String ATTRIBUTE = CallbackListener.class.getName() + ".port";
    /** The one stylesheet the result page links ({@link CallbackResult}); a static file with nothing of a user's. */
    public static final String STYLESHEET = "/assets/dashtam.css";

    /** Where a request on the listener port is forwarded: the callback, or the listener's not-found answer. */
    static final String LISTENER_CALLBACK = "/oauth/listener/callback";
    static final String LISTENER_NOT_FOUND = "/oauth/listener/not-found";

    private final ProvidersProperties.CallbackPort settings;
    private final ProviderRegistry registry;
    private volatile Connector connector;

    CallbackListener(ProvidersProperties properties, ProviderRegistry registry) {
        this.settings = properties.callbackListener();
        this.registry = registry;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> callbackConnector(ObjectProvider<SslBundles> bundles) {
        return factory -> {
            if (!settings.enabled()) {
                return;
            }
            SslBundles ssl = bundles.getIfAvailable();
            if (ssl == null) {
                throw new IllegalStateException("DASHTAM_OAUTH_CALLBACK_PORT: the OAuth callback listener needs the "
                        + "server TLS certificate (SSL bundle " + BUNDLE + ")");
            }
            Connector listener = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            listener.setPort(settings.port());
            listener.setProperty("address", settings.address());
            listener.setScheme("https");
            listener.setSecure(true);
            var tls = new SslConnectorCustomizer(LogFactory.getLog(CallbackListener.class), listener,
                    Ssl.ClientAuth.NONE);
            tls.customize(ssl.getBundle(BUNDLE), Map.of());
            // A renewed certificate applies to new connections, like the app's own port.
            ssl.addBundleUpdateHandler(BUNDLE, bundle -> tls.update(null, bundle));
            factory.addAdditionalConnectors(listener);
            this.connector = listener;
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> callbackPortFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (request.getLocalPort() != port()) {
                    chain.doFilter(request, response);
                    return;
                }
                request.setAttribute(ATTRIBUTE, Boolean.TRUE);
                String path = request.getRequestURI();
                if (path.equals("/oauth/connect") || path.equals(STYLESHEET)) {
                    chain.doFilter(request, response);
                } else {
                    // Through the servlet (and the security chain) again, to the one controller.
                    request.getRequestDispatcher(isCallbackPath(path) ? LISTENER_CALLBACK
                            : LISTENER_NOT_FOUND).forward(request, response);
                }
            }
        });
        // After trace id, request origin and body limits; before the security chain, which sees the forward.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** The bound port (the configured one, or the one the OS chose for port 0); -1 when not listening. */
    public int port() {
        Connector c = connector;
        return c == null ? -1 : c.getLocalPort();
    }

    private boolean isCallbackPath(String path) {
        return path.equals("/") || registry.redirectUris().stream().map(u -> URI.create(u).getRawPath())
                .anyMatch(path::equals);
    }
}
