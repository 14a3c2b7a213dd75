package io.dashtam.platform.http;

import io.dashtam.platform.problems.ErrorPage;
import io.dashtam.platform.problems.ProblemErrorReportValve;
import io.dashtam.platform.problems.Problems;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.module.SimpleModule;

/**
 * Hostile input at the edge (issue 11): whatever a client sends, the answer is a 4xx problem+json with the security
 * headers, never a 5xx, an HTML page or a Java class name, and nothing malformed reaches the database.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /**
     * Runs after Spring Boot's own Tomcat customizer (which adds a plain ErrorReportValve): swaps it for ours and
     * puts the security headers first in the host pipeline.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    var host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // The host adds a valve of this class at start unless one is there already.
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new SecurityHeadersValve());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                });
            }
        };
    }

    /** The firewall's rejections (odd methods, {@code ;}, {@code %2F}, {@code ..}): 400 problem+json, or a page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (ErrorPage.isPageRoute(request)) {
                ErrorPage.write(request, response, 400, "That address is not allowed", "The address holds "
                        + "something Dashtam does not accept in a path (such as ; or an encoded / or ..), or the "
                        + "request used a method no page takes. Check the link, or start again from the dashboard.",
                        Map.of());
                return;
            }
            Problems.write(request, response, HttpStatus.BAD_REQUEST, null,
                    "The request was rejected: its method, path or parameters are not allowed", Map.of());
        };
    }

    /** JSON text that PostgreSQL cannot store or Java cannot encode (NUL, an unpaired surrogate) is a 400. */
    @Bean
    JsonMapperBuilderCustomizer storableJsonText() {
        return builder -> builder.addModule(new SimpleModule("storable-text")
                .addDeserializer(String.class, new StorableStringDeserializer()));
    }

    @Bean
    FilterRegistrationBean<RequestSanityFilter> requestSanityFilter() {
        var registration = new FilterRegistrationBean<>(new RequestSanityFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
