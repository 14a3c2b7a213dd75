package io.dashtam.platform.database;

import io.dashtam.platform.http.AdmissionProperties;
import io.dashtam.platform.runtime.ConfigurationProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the database pool ({@code spring.datasource.hikari.maximum-pool-size}) is shared and bounded. The sizing rule
 * (docs/operations.md): pool size x replicas must stay below PostgreSQL's {@code max_connections} minus headroom.
 *
 * @param backgroundConnections      at most this many connections for background work together; requests are
 *                                   admitted up to the rest of the pool ({@link AdmissionProperties})
 * @param backgroundWait             how long background work waits for one of its connections before failing
 * @param requestStatementTimeout    the longest one statement of a request may run
 * @param backgroundStatementTimeout the longest one statement of background work may run
 * @param idleInTransactionTimeout   the server ends a session left idle inside a transaction this long: a backstop,
 *                                   since no transaction waits on anything outside the database
 */
@ConfigurationProperties("dashtam.database.pool")
record DatabasePoolProperties(int backgroundConnections, Duration backgroundWait, Duration requestStatementTimeout,
        Duration backgroundStatementTimeout, Duration idleInTransactionTimeout) {

    DatabasePoolProperties {
        if (backgroundConnections < 1) {
            throw new ConfigurationProblem("DASHTAM_DB_BACKGROUND_CONNECTIONS",
                    "must be at least 1, was " + backgroundConnections);
        }
    }

    /** What every pooled connection is set to when it is made: the request settings and the backstop. */
    String connectionInitSql() {
        return "SET statement_timeout = " + requestStatementTimeout.toMillis()
                + "; SET idle_in_transaction_session_timeout = " + idleInTransactionTimeout.toMillis();
    }
}
