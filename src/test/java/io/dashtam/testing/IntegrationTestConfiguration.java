package io.dashtam.testing;

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

    @Bean
    @Primary
    Clock testClock() {
        return TestEnvironment.CLOCK;
    }

    @Bean
    @Primary
    io.dashtam.providers.Sleeper testSleeper() {
        return ClockSleeper.INSTANCE;
    }
}
