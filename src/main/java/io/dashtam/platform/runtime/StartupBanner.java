package io.dashtam.platform.runtime;

import io.dashtam.platform.tls.TlsEnvironmentPostProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where Dashtam listens and, like mkcert, which CA file to trust when it made its own certificate. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            log.info("Dashtam ({}) ready on https://localhost:{}", Environments.name(env), web.getWebServer().getPort());
        }
        String ca = env.getProperty(TlsEnvironmentPostProcessor.GENERATED_CA);
        if (ca != null) {
            log.info("TLS certificate issued by the local CA {} - trust that file (curl --cacert {}) to call Dashtam",
                    ca, ca);
        }
    }
}
