package io.dashtam.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the isolation checker on the repository's real compose files, Kubernetes manifests and env
 * examples (must be clean), and on one negative fixture per rule (each must fail with that rule only).
 * {@code make config-check} also hands it kustomize-rendered overlays through
 * {@code DASHTAM_ENVCHECK_RENDERED} (paths separated by the platform's path separator).
 * No Spring context, no database, no Docker: plain files.
 */
class EnvironmentIsolationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path FIXTURES = ROOT.resolve("src/test/resources/envcheck/fixtures");
    private static final List<String> VARIABLES = List.of("SPRING_PROFILES_ACTIVE", "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT", "DATABASE_URL", "SSL_CERT_FILE", "SSL_KEY_FILE", "DASHTAM_TLS_NAMES",
            "DASHTAM_HOME", "DASHTAM_ENCRYPTION_KEYS", "DASHTAM_JWT_KEYS", "DASHTAM_OAUTH_CALLBACK_PORT",
            "SCHWAB_CLIENT_ID", "SCHWAB_CLIENT_SECRET", "SCHWAB_REDIRECT_URI", "SCHWAB_AUTH_BASE_URL",
            "SCHWAB_API_BASE_URL", "DASHTAM_OUTBOUND_CA_FILE", "JAVA_TOOL_OPTIONS");

    @Test
    void repositoryKeepsEveryIsolationRule() {
        assertThat(ROOT.resolve("compose")).as("run from the repository root").isDirectory();
        List<Violation> violations = EnvironmentChecker.check(ROOT, rendered());
        assertThat(violations).as("isolation violations").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "ci", "staging"})
    void everyEnvironmentHasItsOwnStandaloneComposeFile(String environment) {
        assertThat(ROOT.resolve("compose/dashtam-" + environment + "/docker-compose.yml")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "ci", "staging", "prod"})
    void everyEnvExampleListsEveryVariable(String environment) throws IOException {
        String example = Files.readString(ROOT.resolve("env/.env." + environment + ".example"));
        for (String variable : VARIABLES) {
            assertThat(example).as(".env.%s.example lists %s", environment, variable)
                    .containsPattern("(?m)^#?\\s*" + variable + "=");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("fixtures")
    void negativeFixtureFailsWithItsRule(Rule rule, String caseName, Path dir) {
        List<Path> rendered = Files.isDirectory(dir.resolve("rendered")) ? List.of(dir.resolve("rendered")) : List.of();
        List<Violation> violations = EnvironmentChecker.check(dir, rendered);
        assertThat(violations).as("violations of fixture %s/%s", rule.id(), caseName)
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.rule()).as(v.toString()).isEqualTo(rule));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleHasANegativeFixture(Rule rule) throws IOException {
        Path dir = FIXTURES.resolve(rule.id());
        assertThat(dir).isDirectory();
        try (Stream<Path> cases = Files.list(dir)) {
            assertThat(cases.filter(Files::isDirectory).count()).isPositive();
        }
    }

    @Test
    void placeholdersAndReferencesAreNotSecrets() {
        assertThat(Secrets.problem("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:?set it}")).isEmpty();
        assertThat(Secrets.problem("POSTGRES_PASSWORD", "CHANGE_ME")).isEmpty();
        assertThat(Secrets.problem("DASHTAM_JWT_KEYS", "k1:CHANGE_ME")).isEmpty();
        assertThat(Secrets.problem("SCHWAB_CLIENT_SECRET", "")).isEmpty();
        assertThat(Secrets.problem("DATABASE_URL", "postgresql://dashtam@postgres:5432/dashtam")).isEmpty();
        assertThat(Secrets.problem("DATABASE_URL",
                "postgresql://${POSTGRES_USER:-dashtam}:${POSTGRES_PASSWORD:?set}@postgres:5432/db")).isEmpty();
        assertThat(Secrets.problem("SSL_KEY_FILE", "/certs/server-key.pem")).isEmpty();

        assertThat(Secrets.problem("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:-hunter2}")).isPresent();
        assertThat(Secrets.problem("API_TOKEN", "abc123")).isPresent();
        assertThat(Secrets.problem("JDBC", "postgresql://u:p4ss@h/db")).isPresent();
    }

    @Test
    void theAppsOwnSettingsAndRoutesAreWhatTheWiringChecksUse() {
        AppSettings app = AppSettings.current();
        assertThat(app.reads("DASHTAM_SYNC_INTERVAL")).as("application.yml placeholder").isTrue();
        assertThat(app.reads("DASHTAM_SYNC_INSTANCEID")).as("relaxed binding of dashtam.sync.instance-id").isTrue();
        assertThat(app.reads("SERVER_PORT")).as("Spring Boot's own metadata").isTrue();
        assertThat(app.reads("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED")).as("a map property").isTrue();
        assertThat(app.reads("DATABASE_URL")).as("read by name in the code").isTrue();
        assertThat(app.reads("DASHTAM_HEALTHCHECK_CA_FILE")).as("the image's HEALTHCHECK").isTrue();
        assertThat(app.reads("DASHTAM_SYNC_INTERVALL")).isFalse();
        assertThat(app.reads("POSTGRES_PASSWORD")).isFalse();

        assertThat(app.servesCallback("schwab", "/oauth/schwab/callback")).isTrue();
        assertThat(app.servesCallback("schwab", "/oauth/callback")).isFalse();
        assertThat(app.servesCallback("schwab", "/oauth/sandbox/callback")).isFalse();
        assertThat(app.servesCallback("schwab", "/")).isFalse();

        assertThat(app.listeners()).extracting(AppSettings.Listener::addressProperty)
                .contains("dashtam.providers.callback-listener.address");
        assertThat(app.value("dashtam.providers.callback-listener.address", java.util.Map.of())).hasValue("127.0.0.1");
        assertThat(app.value("server.port", java.util.Map.of("SERVER_PORT", "9000"))).hasValue("9000");
    }

    @Test
    void hostPortsAreParsedInEveryComposeForm() {
        assertThat(Ports.hostPorts("8000")).isEmpty();
        assertThat(Ports.hostPorts("8001:8000")).containsExactly(8001);
        assertThat(Ports.hostPorts("127.0.0.1:8001:8000/tcp")).containsExactly(8001);
        assertThat(Ports.hostPorts("[::1]:8001:8000")).containsExactly(8001);
        assertThat(Ports.hostPorts("9000-9001:9000-9001")).containsExactly(9000, 9001);
        assertThat(Ports.hostPorts(java.util.Map.of("target", 8000, "published", 8002))).containsExactly(8002);
    }

    @Test
    void keepAliveIdiomsAreFound() {
        assertThat(KeepAlive.find("sh -c 'sleep infinity'")).isPresent();
        assertThat(KeepAlive.find("tail -F /dev/null")).isPresent();
        assertThat(KeepAlive.find("tail -f /var/log/app.log")).isEmpty();
        assertThat(KeepAlive.find("sleep 2")).isEmpty();
    }

    static Stream<Arguments> fixtures() throws IOException {
        List<Arguments> result = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            Path dir = FIXTURES.resolve(rule.id());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> cases = Files.list(dir)) {
                cases.filter(Files::isDirectory).sorted()
                        .forEach(c -> result.add(Arguments.of(rule, c.getFileName().toString(), c)));
            }
        }
        return result.stream();
    }

    /** Rendered kustomize output handed over by `make config-check`; each given path must exist. */
    private static List<Path> rendered() {
        String value = System.getenv("DASHTAM_ENVCHECK_RENDERED");
        if (value == null || value.isBlank()) {
            value = System.getProperty("dashtam.envcheck.rendered", "");
        }
        List<Path> paths = Arrays.stream(value.split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        for (Path path : paths) {
            assertThat(path).as("rendered manifests given to the checker").exists();
        }
        return paths;
    }
}
