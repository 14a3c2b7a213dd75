package io.dashtam.platform.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Observations kept to what operations read. Spring Security otherwise wraps every filter of every chain in an
 * observation of its own: about a tenth of an authenticated read's CPU under load (JFR of bench/api-load.sh), for
 * spans nobody collects. Request metrics ({@code http.server.requests}) stay.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
