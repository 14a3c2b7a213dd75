package io.dashtam.testing;

import io.dashtam.platform.database.DatabaseUrl;
import io.dashtam.platform.database.ListenerConnectionSource;
import java.sql.DriverManager;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

    @Bean
    @Primary
    DataSource switchingDataSource() {
        return SwitchingDataSource.instance();
    }

    /**
     * The LISTEN connection follows the test class's database: switching drops the old database, which ends
     * the connection, and the listener reconnects here.
     */
    @Bean
    ListenerConnectionSource testListenerConnections() {
        return () -> {
            DatabaseUrl url = SwitchingDataSource.instance().current();
            var props = new java.util.Properties();
            props.setProperty("user", url.username());
            if (url.password() != null) {
                props.setProperty("password", url.password());
            }
            props.setProperty("ApplicationName", "dashtam-listener");
            return DriverManager.getConnection(url.jdbcUrl(), props);
        };
    }

    @Bean
    @Primary
    Clock testClock() {
        return TestEnvironment.CLOCK;
    }

    @Bean
    @Primary
    io.dashtam.providers.outbound.Sleeper testSleeper() {
        return ClockSleeper.INSTANCE;
    }
}
