package io.dashtam.platform;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Drops auto-configurations Dashtam never uses before Spring parses them: each one on the class path costs
 * start-up time even when its conditions then say no (issue 2). Actuator endpoints other than health, info and
 * prometheus cannot be exposed at all (env, heapdump, loggers ... are deliberately unavailable), no JMX, no
 * reactive stack; plain SQL through JdbcClient (no Spring Data repositories), no multipart endpoints (imports are
 * JSON), and Jackson 2 (on the class path only for springdoc) stays out of actuator. No Tomcat metrics either: they
 * count HTTP sessions, which a stateless API never has, and reading them starts the platform MBean server (~0.1 s).
 * Registered in META-INF/spring.factories.
 */
class UnusedAutoConfiguration implements AutoConfigurationImportFilter {

    private static final String ACTUATE = "org.springframework.boot.actuate.autoconfigure.";

    static final Set<String> UNUSED = Set.of(
            ACTUATE + "audit.AuditAutoConfiguration",
            ACTUATE + "audit.AuditEventsEndpointAutoConfiguration",
            ACTUATE + "beans.BeansEndpointAutoConfiguration",
            ACTUATE + "condition.ConditionsReportEndpointAutoConfiguration",
            ACTUATE + "context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration",
            ACTUATE + "context.ShutdownEndpointAutoConfiguration",
            ACTUATE + "env.EnvironmentEndpointAutoConfiguration",
            ACTUATE + "management.HeapDumpWebEndpointAutoConfiguration",
            ACTUATE + "management.ThreadDumpEndpointAutoConfiguration",
            ACTUATE + "web.exchanges.HttpExchangesEndpointAutoConfiguration",
            ACTUATE + "logging.LogFileWebEndpointAutoConfiguration",
            ACTUATE + "logging.LoggersEndpointAutoConfiguration",
            ACTUATE + "web.mappings.MappingsEndpointAutoConfiguration",
            ACTUATE + "sbom.SbomEndpointAutoConfiguration",
            ACTUATE + "scheduling.ScheduledTasksEndpointAutoConfiguration",
            ACTUATE + "startup.StartupEndpointAutoConfiguration",
            ACTUATE + "endpoint.jmx.JmxEndpointAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration",
            "org.springframework.boot.servlet.autoconfigure.actuate.web.exchanges.ServletHttpExchangesAutoConfiguration",
            "org.springframework.boot.servlet.autoconfigure.actuate.web.mappings.ServletMappingsAutoConfiguration",
            "org.springframework.boot.webmvc.autoconfigure.actuate.web.mappings.WebMvcMappingsAutoConfiguration",
            "org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration",
            "org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
            "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
            "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
            "org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
            "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
            "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration",
            "org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration",
            ACTUATE + "endpoint.jackson.Jackson2EndpointAutoConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = autoConfigurationClasses[i] == null || !UNUSED.contains(autoConfigurationClasses[i]);
        }
        return keep;
    }
}
