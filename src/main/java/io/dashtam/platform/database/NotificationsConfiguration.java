package io.dashtam.platform.database;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The LISTEN/NOTIFY component and its health details (management port only; it never fails readiness). */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean
    PostgresNotifications databaseNotifications(ObjectProvider<ListenerConnectionSource> source,
            DataSource dataSource, JdbcClient jdbc, NotificationsProperties properties, MeterRegistry meters) {
        return new PostgresNotifications(source.getIfAvailable(() -> ListenerConnectionSource.of(dataSource)), jdbc,
                properties, meters);
    }

    /** Always UP: a replica that polls or is reconnecting still serves correctly, only later. */
    @Bean
    HealthIndicator notificationsHealthIndicator(PostgresNotifications notifications) {
        return () -> Health.up().withDetails(notifications.details()).build();
    }
}
