package io.dashtam.markets;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dashtam.markets.*}. {@code ratesUrl}: where the ECB's files are (blank: the built-in source at the app's own
 * address when {@code builtinRates}, else the ECB); {@code ratesInterval}: how often the daily file is fetched.
 */
@ConfigurationProperties("dashtam.markets")
record MarketsProperties(String ratesUrl, boolean builtinRates, Duration ratesInterval, Duration requestTimeout) {
}
