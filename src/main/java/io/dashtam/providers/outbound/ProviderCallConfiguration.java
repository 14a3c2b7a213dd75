package io.dashtam.providers.outbound;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real sleeper; tests put one in its place that moves their clock. */
@Configuration(proxyBeanMethods = false)
class ProviderCallConfiguration {

    @Bean
    Sleeper sleeper() {
        return Sleeper.REAL;
    }
}
