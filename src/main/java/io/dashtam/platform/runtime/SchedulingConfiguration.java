package io.dashtam.platform.runtime;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work (token refresh, syncs) runs only where enabled: off in tests unless a test turns it on. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dashtam.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
