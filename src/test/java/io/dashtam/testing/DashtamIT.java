package io.dashtam.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import io.dashtam.DashtamApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * An integration test: the whole app over real HTTPS on a random port (test CA), against a PostgreSQL database of
 * the class's own. All classes share one application context; keep extra properties out of individual tests
 * (each distinct set would start another context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(IsolatedDatabaseExtension.class)
@SpringBootTest(classes = DashtamApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
        "server.port=0",
        "management.server.port=0",
        "dashtam.scheduling.enabled=false",
        "spring.flyway.enabled=false",
        // Every test client is 127.0.0.1 and each test registers and logs in users: IP limits for those two
        // endpoints are raised; the other limits keep their defaults and RateLimitIT trips them on purpose.
        "dashtam.users.rate-limits.login.per-ip=1000",
        "dashtam.users.rate-limits.register.per-ip=1000",
        "dashtam.users.admin-emails=admin@dashtam.test,root@dashtam.test"})
@ActiveProfiles("test")
@Import(IntegrationTestConfiguration.class)
public @interface DashtamIT {
}
