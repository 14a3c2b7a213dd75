package io.dashtam.simplefinsandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a developer at start-up how to get a SimpleFIN setup token from the sandbox bridge. */
@Component
@ConditionalOnProperty(name = "dashtam.simplefin-sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxBridgeBanner {

    private static final Logger log = LoggerFactory.getLogger(SandboxBridgeBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8000");
        log.info("SimpleFIN sandbox bridge on: get a setup token with POST https://localhost:{}/simplefin-sandbox/"
                + "setup-tokens (README: Connect SimpleFIN)", port);
    }
}
