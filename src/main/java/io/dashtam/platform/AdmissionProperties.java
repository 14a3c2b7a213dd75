package io.dashtam.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much work the API takes on at once. {@code maxConcurrent} requests run; the rest wait in order up to
 * {@code maxWait} and are then answered 503 with Retry-After, so overload shows as quick refusals instead of an
 * ever longer queue. The default matches the database pool: every request needs at most one connection, so no
 * request thread waits (and spins) in the pool.
 */
@ConfigurationProperties("dashtam.http.admission")
record AdmissionProperties(int maxConcurrent, Duration maxWait) {

    AdmissionProperties {
        if (maxConcurrent < 1) {
            throw new ConfigurationProblem("DASHTAM_HTTP_MAX_CONCURRENT", "must be at least 1, was " + maxConcurrent);
        }
        if (maxWait.isNegative()) {
            throw new ConfigurationProblem("DASHTAM_HTTP_ADMISSION_WAIT", "must not be negative, was " + maxWait);
        }
    }
}
