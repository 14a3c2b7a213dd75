package io.dashtam.platform.http;

import io.dashtam.platform.runtime.ConfigurationProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much work the app takes on at once. {@code maxConcurrent} requests run; the rest wait in order up to
 * {@code maxWait} and are then answered 503 with Retry-After, so overload shows as quick refusals instead of an
 * ever longer queue. 0 (the default) is the request share of the database pool (its size minus the background
 * share): every request needs at most one connection, so no request thread waits (and spins) in the pool.
 */
@ConfigurationProperties("dashtam.http.admission")
public record AdmissionProperties(int maxConcurrent, Duration maxWait) {

    public AdmissionProperties {
        if (maxConcurrent < 0) {
            throw new ConfigurationProblem("DASHTAM_HTTP_MAX_CONCURRENT", "must be 0 (the pool's request share) or more, was " + maxConcurrent);
        }
        if (maxWait.isNegative()) {
            throw new ConfigurationProblem("DASHTAM_HTTP_ADMISSION_WAIT", "must not be negative, was " + maxWait);
        }
    }
}
