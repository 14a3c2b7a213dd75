package io.dashtam.platform.database;

import io.dashtam.platform.http.AdmissionFilter;
import io.dashtam.platform.http.AdmissionProperties;
import io.dashtam.platform.http.ServerBusy;
import io.dashtam.platform.runtime.ConfigurationProblem;
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

    @Bean
    ConnectionShares connectionShares(DatabasePoolProperties properties) {
        return new ConnectionShares(properties);
    }

    /**
     * Every DataSource the context builds goes behind the gate and the shares, its connections made with the request
     * settings (looked up lazily: post-processors start early).
     */
    @Bean
    static BeanPostProcessor gatedDataSources(ObjectProvider<DatabaseGate> gate, ObjectProvider<ConnectionShares> shares,
            ObjectProvider<DatabasePoolProperties> pool, ObjectProvider<ServerBusy> busy) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource ds) || bean instanceof GatedDataSource) {
                    return bean;
                }
                if (bean instanceof com.zaxxer.hikari.HikariDataSource hikari) {
                    DatabasePoolProperties settings = pool.getObject();
                    if (settings.backgroundConnections() >= hikari.getMaximumPoolSize()) {
                        throw new ConfigurationProblem("DASHTAM_DB_BACKGROUND_CONNECTIONS", "must be below the pool "
                                + "size (DASHTAM_DB_POOL_SIZE=" + hikari.getMaximumPoolSize() + "), was "
                                + settings.backgroundConnections());
                    }
                    hikari.setConnectionInitSql(settings.connectionInitSql());
                }
                return new GatedDataSource(ds, gate.getObject(), shares.getObject(),
                        where -> busy.getObject().counted(where));
            }
        };
    }

    /**
     * Admission control for every request, API and pages alike, outside Spring Security's chains (right inside the
     * outage filter): at most the pool size minus the background share at once.
     */
    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties admission,
            DatabasePoolProperties pool, @org.springframework.beans.factory.annotation.Value(
                    "${spring.datasource.hikari.maximum-pool-size:10}") int poolSize, ServerBusy busy) {
        int concurrent = admission.maxConcurrent() > 0 ? admission.maxConcurrent()
                : Math.max(1, poolSize - pool.backgroundConnections());
        var registration = new FilterRegistrationBean<>(new AdmissionFilter(concurrent, admission.maxWait(), busy));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** Right inside the trace id (and the request origin, body limit), outside Spring Security's chain. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(DatabaseGate gate,
            DatabaseOutageProperties properties, ServerBusy busy) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(gate, properties, busy));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
