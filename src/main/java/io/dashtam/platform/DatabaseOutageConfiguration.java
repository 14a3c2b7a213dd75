package io.dashtam.platform;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Fail-fast behaviour during a database outage: the gate, the gated DataSource and the 503 filter (issue 18). */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageConfiguration {

    @Bean
    DatabaseGate databaseGate(DatabaseOutageProperties properties) {
        return new DatabaseGate(properties);
    }

    /** Every DataSource the context builds goes behind the gate (looked up lazily: post-processors start early). */
    @Bean
    static BeanPostProcessor gatedDataSources(ObjectProvider<DatabaseGate> gate) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof GatedDataSource)
                        ? new GatedDataSource(ds, gate.getObject()) : bean;
            }
        };
    }

    /** Right inside the trace id (and the request origin, body limit), outside Spring Security's chain. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(DatabaseGate gate,
            DatabaseOutageProperties properties) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(gate, properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
