package io.dashtam.envcheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Per-file checks of one compose environment ({@code compose/dashtam-<env>/docker-compose.yml}) and
 * collection of the names and host ports that {@link EnvironmentChecker} compares across environments.
 *
 * <p>Healthcheck rule: every service needs a healthcheck unless it is declared one-shot, which means
 * all of: {@code restart: "no"} set explicitly, no published port, and no other service waiting for it
 * with {@code condition: service_healthy}. A server can't pass for a job without saying so.
 */
final class ComposeChecker {

    /** Environments whose data must be throwaway: no volumes, trust authentication allowed. */
    static final Set<String> EPHEMERAL = Set.of("test", "ci");

    /** A name or host port claimed by an environment, for the cross-environment comparison. */
    record Claim(String kind, String value, String environment, String location) {
    }

    private final Path file;
    private final String display;
    private final String project;
    private final String environment;
    private final Consumer<Violation> report;
    private final List<Claim> names = new ArrayList<>();
    private final List<Claim> ports = new ArrayList<>();

    ComposeChecker(Path file, String display, Consumer<Violation> report) {
        this.file = file;
        this.display = display;
        this.project = file.toAbsolutePath().getParent().getFileName().toString();
        this.environment = project.startsWith("dashtam-") ? project.substring("dashtam-".length()) : project;
        this.report = report;
    }

    String environment() {
        return environment;
    }

    List<Claim> names() {
        return names;
    }

    List<Claim> ports() {
        return ports;
    }

    void check() {
        for (Object document : Yaml.loadAll(file)) {
            checkDocument(Yaml.map(document));
        }
    }

    private void checkDocument(Map<String, Object> compose) {
        boolean ci = environment.equals("ci");
        if (compose.containsKey("name")) {
            violation(Rule.SHARED_NAME, "name",
                    "top-level name: is rejected by docker-compose 1.29; the directory name is the project name");
        }
        claimName("project", project, "(directory)");

        Map<String, Object> services = Yaml.map(compose.get("services"));
        services.forEach((name, definition) -> checkService(name, Yaml.map(definition), services, ci));

        Yaml.map(compose.get("networks")).forEach((key, definition) ->
                topLevelResource("network", key, Yaml.map(definition), ci));
        Map<String, Object> volumes = Yaml.map(compose.get("volumes"));
        volumes.forEach((key, definition) -> topLevelResource("volume", key, Yaml.map(definition), ci));
        if (EPHEMERAL.contains(environment) && !volumes.isEmpty()) {
            violation(Rule.VOLUME_IN_EPHEMERAL_ENV, "volumes",
                    "named volumes " + volumes.keySet() + " in " + environment + "; use tmpfs for throwaway data");
        }
        if (!Yaml.map(compose.get("networks")).containsKey("default")) {
            claimName("network", project + "_default", "networks.default");
        }
    }

    private void topLevelResource(String kind, String key, Map<String, Object> definition, boolean ci) {
        String explicit = Yaml.string(definition.get("name"));
        if (explicit != null && ci) {
            violation(Rule.SHARED_NAME, kind + "s." + key,
                    "fixed " + kind + " name '" + explicit + "' in ci would be shared by concurrent runs");
        }
        claimName(kind, explicit != null ? explicit : project + "_" + key, kind + "s." + key);
    }

    private void checkService(String name, Map<String, Object> service, Map<String, Object> all, boolean ci) {
        String where = "services." + name;
        String container = Yaml.string(service.get("container_name"));
        if (container != null) {
            if (ci) {
                violation(Rule.SHARED_NAME, where + ".container_name",
                        "fixed container name '" + container + "' in ci would be shared by concurrent runs");
            }
            claimName("container", container, where + ".container_name");
        }

        List<Integer> published = new ArrayList<>();
        for (Object port : Yaml.list(service.get("ports"))) {
            for (int hostPort : Ports.hostPorts(port)) {
                published.add(hostPort);
                ports.add(new Claim("host port", Integer.toString(hostPort), environment, display + " " + where));
                if (ci) {
                    violation(Rule.SHARED_HOST_PORT, where + ".ports",
                            "ci publishes host port " + hostPort + "; concurrent runs would collide");
                }
            }
        }

        if (EPHEMERAL.contains(environment)) {
            for (Object volume : Yaml.list(service.get("volumes"))) {
                if (Volumes.isVolume(volume)) {
                    violation(Rule.VOLUME_IN_EPHEMERAL_ENV, where + ".volumes",
                            "volume '" + Yaml.string(volume) + "' in " + environment + "; use tmpfs");
                }
            }
        }

        if (!hasHealthcheck(service) && !isOneShot(name, service, published, all)) {
            violation(Rule.MISSING_HEALTHCHECK, where,
                    "no healthcheck; long-running services need one (one-shot jobs: restart \"no\", no ports, "
                            + "nobody waits for them to be healthy)");
        }

        for (String field : List.of("command", "entrypoint")) {
            keepAlive(where + "." + field, Yaml.commandText(service.get(field)));
        }
        keepAlive(where + ".healthcheck", Yaml.commandText(Yaml.map(service.get("healthcheck")).get("test")));

        Environment.entries(service.get("environment")).forEach((key, value) -> {
            Secrets.problem(key, value).ifPresent(p -> violation(Rule.COMMITTED_SECRET, where + ".environment", p));
            if (Secrets.isTrustAuth(key, value) && !EPHEMERAL.contains(environment)) {
                violation(Rule.COMMITTED_SECRET, where + ".environment",
                        "POSTGRES_HOST_AUTH_METHOD=trust outside test/ci: an empty password for real data");
            }
        });
        Environment.entries(Yaml.map(service.get("build")).get("args")).forEach((key, value) ->
                Secrets.problem(key, value).ifPresent(p -> violation(Rule.COMMITTED_SECRET, where + ".build.args", p)));
    }

    private static boolean hasHealthcheck(Map<String, Object> service) {
        Map<String, Object> healthcheck = Yaml.map(service.get("healthcheck"));
        if (healthcheck.isEmpty() || Yaml.isTrue(healthcheck.get("disable"))) {
            return false;
        }
        String test = Yaml.commandText(healthcheck.get("test")).strip();
        return !test.isEmpty() && !test.equals("NONE");
    }

    private static boolean isOneShot(String name, Map<String, Object> service, List<Integer> published,
                                     Map<String, Object> all) {
        if (!"no".equals(Yaml.string(service.get("restart"))) || !published.isEmpty()) {
            return false;
        }
        for (Object other : all.values()) {
            Object condition = Yaml.map(Yaml.map(other).get("depends_on"), name).get("condition");
            if ("service_healthy".equals(Yaml.string(condition))) {
                return false;
            }
        }
        return true;
    }

    private void keepAlive(String where, String command) {
        KeepAlive.find(command).ifPresent(found ->
                violation(Rule.KEEP_ALIVE_COMMAND, where, "'" + found + "' keeps a container alive for exec; "
                        + "use `run --rm` for one-shot work"));
    }

    private void claimName(String kind, String value, String where) {
        names.add(new Claim(kind, value, environment, display + " " + where));
    }

    private void violation(Rule rule, String where, String message) {
        report.accept(new Violation(rule, environment, display + " " + where, message));
    }
}
