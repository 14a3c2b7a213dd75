package io.dashtam.platform.runtime;

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
 * No i18n message bundles, JTA/XA, AspectJ metrics or Log4j 2, no mail health (a mail outage must not take Dashtam
 * out of service) or start-up mail check; and springdoc only for what the API uses (no Kotlin, Groovy, HATEOAS,
 * Data REST, Pageable/Sort, Javadoc, function catalog, grouped APIs or WAR deployment): springdoc ships no
 * auto-configuration metadata, so each of those would be read and parsed just to be turned down.
 * Registered in META-INF/spring.factories.
 */
class UnusedAutoConfiguration implements AutoConfigurationImportFilter {

    private static final String ACTUATE = "org.springframework.boot.actuate.autoconfigure.";
    private static final String SPRINGDOC = "org.springdoc.core.configuration.";

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
            ACTUATE + "endpoint.jackson.Jackson2EndpointAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
            "org.springframework.boot.transaction.jta.autoconfigure.JtaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAspectsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.log4j2.Log4J2MetricsAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.rsocket.RSocketSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            SPRINGDOC + "SpringDocJavadocConfiguration",
            SPRINGDOC + "SpringDocGroovyConfiguration",
            SPRINGDOC + "SpringDocFunctionCatalogConfiguration",
            SPRINGDOC + "SpringDocHateoasConfiguration",
            SPRINGDOC + "SpringDocPageableConfiguration",
            SPRINGDOC + "SpringDocSortConfiguration",
            SPRINGDOC + "SpringDocDataRestConfiguration",
            SPRINGDOC + "SpringDocKotlinConfiguration",
            SPRINGDOC + "SpringDocKotlinxConfiguration",
            SPRINGDOC + "SpringDocJacksonKotlinModuleConfiguration",
            SPRINGDOC + "SpringDocWebServerConfiguration.DeployedWebServerConfiguration",
            "org.springdoc.webmvc.core.configuration.MultipleOpenApiSupportConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = autoConfigurationClasses[i] == null || !UNUSED.contains(autoConfigurationClasses[i]);
        }
        return keep;
    }
}
