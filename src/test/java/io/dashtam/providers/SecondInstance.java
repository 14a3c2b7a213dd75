package io.dashtam.providers;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.audit.AuditLog;
import io.dashtam.providers.authorization.Grants;
import io.dashtam.providers.authorization.KeyRotation;
import io.dashtam.providers.authorization.OAuthStates;
import io.dashtam.providers.authorization.OAuthTokenClient;
import io.dashtam.providers.authorization.PastedCredentials;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.TokenCipher;
import io.dashtam.providers.authorization.TokenMaintenance;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import io.dashtam.testing.SwitchingDataSource;
import io.dashtam.testing.TestDatabases;
import io.dashtam.testing.TestEnvironment;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Another Dashtam instance's token machinery on the same database: its own connection pool, transaction
 * manager, repositories and job, sharing only the configuration and the provider. What a second process has.
 */
final class SecondInstance implements AutoCloseable {

    private final HikariDataSource pool;
    final TokenMaintenance maintenance;

    SecondInstance(ProvidersProperties properties, TokenCipher cipher, OAuthTokenClient tokenClient,
            ProviderRegistry registry) {
        pool = TestDatabases.instance().pool(SwitchingDataSource.instance().current(), 4);
        JdbcClient jdbc = JdbcClient.create(pool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        Clock clock = TestEnvironment.CLOCK;
        AuditLog audit = newAuditLog(jdbc, clock);
        Connections connections = new Connections(jdbc);
        ProviderTokens tokens = new ProviderTokens(jdbc);
        ApplicationEventPublisher events = event -> { };
        Grants grants = new Grants(connections, tokens, cipher, tokenClient, registry, properties, audit, events, tx,
                clock);
        maintenance = new TokenMaintenance(connections, tokens, grants, new KeyRotation(tokens,
                new PastedCredentials(jdbc, cipher), cipher, tx, audit),
                new OAuthStates(jdbc), properties, tx, clock);
    }

    /** AuditLog's constructor is the audit module's business; a second instance simply has its own. */
    private static AuditLog newAuditLog(JdbcClient jdbc, Clock clock) {
        try {
            var constructor = AuditLog.class.getDeclaredConstructor(JdbcClient.class, Clock.class);
            constructor.setAccessible(true);
            return constructor.newInstance(jdbc, clock);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
