package io.dashtam.envcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a deployment tells the app against what the app reads and serves ({@link AppSettings}):
 * <ul>
 *   <li>{@link Rule#UNKNOWN_SETTING}: a variable set for the app (compose {@code environment}, a Kubernetes
 *       container's env and ConfigMaps, an env example) that the app does not read; in an env example, a variable
 *       its compose file uses (${VAR}) counts as read;</li>
 *   <li>{@link Rule#LOOPBACK_PORT_EXPOSED}: a port published, declared or opened (compose {@code ports}/{@code
 *       expose}, containerPort, a Service's targetPort, a NetworkPolicy's port) for a listener that the settings
 *       bind to a loopback address or turn off, where nothing from outside the container can reach it (the
 *       overlays' original mistake: a Service port for the callback listener that is off there);</li>
 *   <li>{@link Rule#REDIRECT_NOT_SERVED}: a provider redirect URI that does not land where the app completes that
 *       provider's OAuth flow: its path must match one of the app's {@code {provider}} callback routes, or (on a
 *       loopback host, the browser's own machine) it must reach the enabled callback listener through a published
 *       port. A pod's loopback is never the browser's, so a loopback redirect in Kubernetes is not served.</li>
 * </ul>
 * App containers are the ones running the Dashtam image ({@code dashtam/app}, or {@code ${DASHTAM_APP_IMAGE}}).
 */
final class AppWiring {

    private static final Pattern REDIRECT_PROPERTY = Pattern.compile("dashtam\\.providers\\.([a-z0-9-]+)\\.redirect-uri");
    private static final Pattern EXAMPLE_LINE = Pattern.compile("^#?\\s*(?:export\\s+)?([A-Z][A-Z0-9_]*)=(.*)$");
    private static final Pattern COMPOSE_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private final AppSettings app;
    private final Consumer<Violation> report;

    AppWiring(AppSettings app, Consumer<Violation> report) {
        this.app = app;
        this.report = report;
    }

    static boolean isAppImage(String image) {
        return image != null && (image.contains("dashtam/app") || image.contains("DASHTAM_APP_IMAGE"));
    }

    // ------------------------------------------------------------------------------------------------ compose

    void compose(Path file, String display, String environment, Path root) {
        Map<String, String> interpolation = envFile(root.resolve("env/.env." + environment));
        for (Object document : Yaml.loadAll(file)) {
            Yaml.map(Yaml.map(document).get("services")).forEach((name, definition) -> {
                Map<String, Object> service = Yaml.map(definition);
                if (!isAppImage(Yaml.string(service.get("image")))) {
                    return;
                }
                boolean serves = Yaml.commandText(service.get("command")).isBlank();
                String where = display + " services." + name;
                Map<String, String> env = new LinkedHashMap<>();
                for (Object item : envFiles(service.get("env_file"))) {
                    String path = interpolate(Yaml.string(item), Map.of());
                    env.putAll(envFile(file.getParent().resolve(path).normalize()));
                }
                Map<String, String> explicit = Environment.entries(service.get("environment"));
                explicit.forEach((key, value) -> {
                    env.put(key, value == null ? null : interpolate(value, interpolation));
                    if (!app.reads(key)) {
                        violation(Rule.UNKNOWN_SETTING, environment, where + ".environment",
                                key + " is not a setting the app reads");
                    }
                });
                Map<Integer, Integer> published = new HashMap<>(); // host port -> container port
                List<Integer> exposed = new ArrayList<>();
                for (Object port : Yaml.list(service.get("ports"))) {
                    Integer target = containerPort(port, interpolation);
                    if (target != null) {
                        exposed.add(target);
                        for (int host : Ports.hostPorts(port)) {
                            published.put(host, target);
                        }
                    }
                }
                for (Object port : Yaml.list(service.get("expose"))) {
                    Integer target = parseInt(Yaml.string(port).split("/")[0]);
                    if (target != null) {
                        exposed.add(target);
                    }
                }
                if (!serves) {
                    return; // a one-shot command (migrate, backup...): no listener, no redirect
                }
                for (Bound bound : unreachableListeners(env)) {
                    if (exposed.contains(bound.port())) {
                        violation(Rule.LOOPBACK_PORT_EXPOSED, environment, where + ".ports", bound
                                + ": the container publishes port " + bound.port() + " but the listener is "
                                + bound.state() + " inside the container, so nothing reaches it");
                    }
                }
                redirects(env, environment, where, uri -> {
                    Integer target = published.get(uri.getPort() < 0 ? 443 : uri.getPort());
                    if (target == null) {
                        return Optional.of("no published port " + (uri.getPort() < 0 ? 443 : uri.getPort())
                                + " of this service");
                    }
                    return target.equals(enabledListenerPort(env)) ? Optional.empty() : null;
                });
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ kubernetes

    void kubernetes(Path file, String display, String environment) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object document : Yaml.loadAll(file)) {
            Map<String, Object> resource = Yaml.map(document);
            if ("List".equals(Yaml.string(resource.get("kind")))) {
                Yaml.list(resource.get("items")).forEach(item -> resources.add(Yaml.map(item)));
            } else {
                resources.add(resource);
            }
        }
        Map<String, Map<String, Object>> configMaps = new HashMap<>();
        for (Map<String, Object> resource : resources) {
            if ("ConfigMap".equals(Yaml.string(resource.get("kind")))) {
                configMaps.put(Yaml.string(Yaml.map(resource.get("metadata")).get("name")),
                        Yaml.map(resource.get("data")));
            }
        }
        for (Map<String, Object> resource : resources) {
            String kind = Yaml.string(resource.get("kind"));
            Map<String, Object> template = switch (kind == null ? "" : kind) {
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                        Yaml.map(resource, "spec", "template");
                case "CronJob" -> Yaml.map(resource, "spec", "jobTemplate", "spec", "template");
                case "Pod" -> resource;
                default -> Map.of();
            };
            if (template.isEmpty()) {
                continue;
            }
            Map<String, Object> labels = Yaml.map(template, "metadata", "labels");
            String where = display + " " + kind + "/" + Yaml.map(resource.get("metadata")).get("name");
            for (Object item : Yaml.list(Yaml.map(template.get("spec")).get("containers"))) {
                Map<String, Object> container = Yaml.map(item);
                if (isAppImage(Yaml.string(container.get("image")))) {
                    boolean serves = Yaml.commandText(container.get("command")).isBlank()
                            && Yaml.commandText(container.get("args")).isBlank();
                    podContainer(environment, where + " containers/" + container.get("name"), container, labels,
                            configMaps, resources, serves, Yaml.map(template.get("spec")));
                }
            }
        }
    }

    private void podContainer(String environment, String where, Map<String, Object> container,
                              Map<String, Object> labels, Map<String, Map<String, Object>> configMaps,
                              List<Map<String, Object>> resources, boolean serves, Map<String, Object> podSpec) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object item : Yaml.list(container.get("envFrom"))) {
            String name = Yaml.string(Yaml.map(Yaml.map(item).get("configMapRef")).get("name"));
            if (name == null) {
                continue;
            }
            String prefix = Optional.ofNullable(Yaml.string(Yaml.map(item).get("prefix"))).orElse("");
            Yaml.map(configMaps.get(name)).forEach((key, value) -> {
                env.put(prefix + key, Yaml.string(value));
                if (!app.reads(prefix + key)) {
                    violation(Rule.UNKNOWN_SETTING, environment, where + " envFrom ConfigMap/" + name,
                            prefix + key + " is not a setting the app reads");
                }
            });
        }
        for (Object item : Yaml.list(container.get("env"))) {
            Map<String, Object> variable = Yaml.map(item);
            String name = Yaml.string(variable.get("name"));
            env.put(name, Yaml.string(variable.get("value")));
            if (!app.reads(name)) {
                violation(Rule.UNKNOWN_SETTING, environment, where + " env", name + " is not a setting the app reads");
            }
        }
        if (!serves) {
            return; // a one-shot command (migrate, backup...): no listener, no redirect
        }
        Map<String, Integer> named = new HashMap<>();
        List<Integer> declared = new ArrayList<>();
        for (Object item : Yaml.list(container.get("ports"))) {
            Map<String, Object> port = Yaml.map(item);
            Integer number = parseInt(Yaml.string(port.get("containerPort")));
            if (number != null) {
                declared.add(number);
                if (port.get("name") != null) {
                    named.put(Yaml.string(port.get("name")), number);
                }
            }
        }
        for (Bound bound : unreachableListeners(env)) {
            String why = bound + " is " + bound.state() + " inside the pod, so nothing reaches it";
            if (declared.contains(bound.port())) {
                violation(Rule.LOOPBACK_PORT_EXPOSED, environment, where + " ports", "containerPort " + bound.port()
                        + " declared: " + why);
            }
            for (Map<String, Object> resource : resources) {
                String kind = Yaml.string(resource.get("kind"));
                String name = kind + "/" + Yaml.map(resource.get("metadata")).get("name");
                if ("Service".equals(kind) && selects(Yaml.map(resource, "spec", "selector"), labels)) {
                    for (Object item : Yaml.list(Yaml.map(resource.get("spec")).get("ports"))) {
                        Map<String, Object> port = Yaml.map(item);
                        Object target = port.getOrDefault("targetPort", port.get("port"));
                        if (Integer.valueOf(bound.port()).equals(resolvePort(target, named))) {
                            violation(Rule.LOOPBACK_PORT_EXPOSED, environment, name, "targetPort " + target
                                    + " of the Service: " + why);
                        }
                    }
                }
                if ("NetworkPolicy".equals(kind)
                        && selects(Yaml.map(resource, "spec", "podSelector", "matchLabels"), labels)) {
                    for (Object rule : Yaml.list(Yaml.map(resource.get("spec")).get("ingress"))) {
                        for (Object item : Yaml.list(Yaml.map(rule).get("ports"))) {
                            Object port = Yaml.map(item).get("port");
                            if (Integer.valueOf(bound.port()).equals(resolvePort(port, named))) {
                                violation(Rule.LOOPBACK_PORT_EXPOSED, environment, name, "ingress port " + port
                                        + " opened: " + why);
                            }
                        }
                    }
                }
            }
        }
        redirects(env, environment, where, uri -> Optional.of(
                "a loopback redirect lands on the browser's own machine, never on a pod"));
        lifecycle(environment, where, podSpec, container, named, env);
    }

    /**
     * Probes ask the port and scheme where the app answers them (its management port, HTTPS), and the grace period
     * lets the app stop before it is killed: preStop's wait plus two shutdown phases (event streams and syncs
     * handed back, then the requests' drain), each at most {@code spring.lifecycle.timeout-per-shutdown-phase}.
     */
    private void lifecycle(String environment, String where, Map<String, Object> podSpec,
                           Map<String, Object> container, Map<String, Integer> named, Map<String, String> env) {
        Integer management = app.value("management.server.port", env).map(AppWiring::parseInt).orElse(null);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            Map<String, Object> get = Yaml.map(container, probe, "httpGet");
            String path = Yaml.string(get.get("path"));
            if (path == null || !path.startsWith("/actuator/")) {
                continue;
            }
            Integer port = resolvePort(get.get("port"), named);
            if (management != null && !management.equals(port)) {
                violation(Rule.LIFECYCLE_MISMATCH, environment, where + " " + probe, "asks port " + get.get("port")
                        + " for " + path + ", but the app serves it on its management port " + management);
            }
            if (!"HTTPS".equalsIgnoreCase(Optional.ofNullable(Yaml.string(get.get("scheme"))).orElse("HTTP"))) {
                violation(Rule.LIFECYCLE_MISMATCH, environment, where + " " + probe,
                        "asks " + path + " over plain HTTP, but the app answers HTTPS only");
            }
        }
        Duration phase = app.value("spring.lifecycle.timeout-per-shutdown-phase", env)
                .map(AppWiring::duration).orElse(Duration.ofSeconds(30));
        long preStop = preStopSeconds(container);
        Integer grace = Optional.ofNullable(parseInt(Yaml.string(podSpec.get("terminationGracePeriodSeconds"))))
                .orElse(30);
        long needed = preStop + 2 * (long) Math.ceil(phase.toMillis() / 1000.0);
        if (grace < needed) {
            violation(Rule.LIFECYCLE_MISMATCH, environment, where + " terminationGracePeriodSeconds",
                    grace + " s is shorter than the stop it must allow: preStop " + preStop + " s + 2 x " + phase
                            .toSeconds() + " s (spring.lifecycle.timeout-per-shutdown-phase) = " + needed + " s");
        }
    }

    /** The seconds a preStop hook waits ({@code sleep N}, as a command or inside {@code sh -c}); 0 without one. */
    private static long preStopSeconds(Map<String, Object> container) {
        Map<String, Object> preStop = Yaml.map(container, "lifecycle", "preStop");
        String command = Yaml.commandText(Yaml.map(preStop, "exec").get("command"));
        Matcher m = Pattern.compile("\\bsleep\\s+(\\d+)").matcher(command);
        long seconds = m.find() ? Long.parseLong(m.group(1)) : 0;
        Integer hook = parseInt(Yaml.string(Yaml.map(preStop, "sleep").get("seconds")));
        return hook != null ? hook : seconds;
    }

    /** Spring's simple duration form ({@code 500ms}, {@code 5s}, {@code 1m}; a bare number is milliseconds). */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?").matcher(text.strip());
        if (!m.matches()) {
            return Duration.ofSeconds(30);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        };
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector.isEmpty()) {
            return true;
        }
        return selector.entrySet().stream().allMatch(e -> Yaml.string(e.getValue()).equals(Yaml.string(labels.get(e.getKey()))));
    }

    private static Integer resolvePort(Object port, Map<String, Integer> named) {
        String text = Yaml.string(port);
        if (text == null) {
            return null;
        }
        Integer number = parseInt(text);
        return number != null ? number : named.get(text);
    }

    // ------------------------------------------------------------------------------------------------ env examples

    /** Keys of an env example (set or commented out) the app does not read; standalone ones get the redirect check. */
    void envExample(Path file, String display, String environment, Path root) {
        Path compose = root.resolve("compose/dashtam-" + environment + "/docker-compose.yml");
        List<String> composeReferences = new ArrayList<>();
        if (Files.isRegularFile(compose)) {
            Matcher m = COMPOSE_REFERENCE.matcher(read(compose));
            while (m.find()) {
                composeReferences.add(m.group(1));
            }
        }
        List<String> lines = read(file).lines().toList();
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXAMPLE_LINE.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            if (!lines.get(i).strip().startsWith("#")) {
                set.put(key, unquote(m.group(2).strip()));
            }
            if (!app.reads(key) && !composeReferences.contains(key)) {
                violation(Rule.UNKNOWN_SETTING, environment, display + ":" + (i + 1),
                        key + " is not a setting the app reads" + (Files.isRegularFile(compose)
                                ? " nor a variable of " + root.relativize(compose) : ""));
            }
        }
        if (!Files.isRegularFile(compose)) {
            // Only what the example sets: an app default is checked where a deployment runs it.
            redirects(set, environment, display, set.keySet(), uri -> Optional.of(
                    "a loopback redirect lands on the browser's own machine, not on this deployment"));
        }
    }

    // ------------------------------------------------------------------------------------------------ shared

    /** A listener of the app that nothing outside its container reaches: bound to loopback, or turned off. */
    private record Bound(String name, int port, String state) {
        @Override
        public String toString() {
            return "listener " + name + " (port " + port + ")";
        }
    }

    private List<Bound> unreachableListeners(Map<String, String> env) {
        List<Bound> result = new ArrayList<>();
        for (AppSettings.Listener listener : app.listeners()) {
            Integer port = app.value(listener.portProperty(), env).map(AppWiring::parseInt).orElse(null);
            if (port == null || port <= 0) {
                continue;
            }
            String address = app.value(listener.addressProperty(), env).orElse(null);
            if (listener.enabledProperty() != null
                    && "false".equalsIgnoreCase(app.value(listener.enabledProperty(), env).orElse("true").strip())) {
                result.add(new Bound(listener.name(), port, "turned off (" + listener.enabledProperty() + "=false)"));
            } else if (AppSettings.isLoopback(address)) {
                result.add(new Bound(listener.name(), port, "bound to " + address));
            }
        }
        return result;
    }

    /** The OAuth callback listener's port when it runs (whatever its address), else null. */
    private Integer enabledListenerPort(Map<String, String> env) {
        for (AppSettings.Listener listener : app.listeners()) {
            if (listener.enabledProperty() == null || !listener.name().contains("callback")) {
                continue;
            }
            if ("false".equalsIgnoreCase(app.value(listener.enabledProperty(), env).orElse("true").strip())) {
                return null;
            }
            return app.value(listener.portProperty(), env).map(AppWiring::parseInt).orElse(null);
        }
        return null;
    }

    /**
     * Every provider redirect URI in effect (set, or the app's default). {@code loopback} decides a loopback URI:
     * empty = served, a message = not served, null = check its path like any other.
     */
    private void redirects(Map<String, String> env, String environment, String where,
                           java.util.function.Function<URI, Optional<String>> loopback) {
        redirects(env, environment, where, null, loopback);
    }

    private void redirects(Map<String, String> env, String environment, String where, java.util.Set<String> only,
                           java.util.function.Function<URI, Optional<String>> loopback) {
        for (AppSettings.Placeholder placeholder : app.placeholders().values()) {
            Matcher m = REDIRECT_PROPERTY.matcher(placeholder.property());
            if (!m.matches()) {
                continue;
            }
            if (only != null && !only.contains(placeholder.variable())) {
                continue;
            }
            String provider = m.group(1);
            String value = app.value(placeholder.property(), env).orElse("").strip();
            if (value.isEmpty() || value.contains("${")) {
                continue; // unset with no default (derived from the public URL), or not resolvable statically
            }
            String variable = env.containsKey(placeholder.variable()) ? placeholder.variable()
                    : placeholder.variable() + " (default)";
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                violation(Rule.REDIRECT_NOT_SERVED, environment, where, variable + "=" + value + " is not a URI");
                continue;
            }
            if (AppSettings.isLoopback(uri.getHost())) {
                Optional<String> verdict = loopback.apply(uri);
                if (verdict != null) {
                    verdict.ifPresent(why -> violation(Rule.REDIRECT_NOT_SERVED, environment, where,
                            variable + "=" + value + ": " + why));
                    continue;
                }
            }
            if (!app.servesCallback(provider, uri.getRawPath())) {
                violation(Rule.REDIRECT_NOT_SERVED, environment, where, variable + "=" + value + ": the app does not "
                        + "serve path '" + uri.getRawPath() + "' for provider " + provider + " (its callback routes: "
                        + app.callbackRoutesText() + ")");
            }
        }
    }

    private static List<Object> envFiles(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> l ? new ArrayList<>(l) : List.of(node);
    }

    /** An env file, or its committed .example when the real one has not been made yet. */
    private static Map<String, String> envFile(Path path) {
        Path file = Files.isRegularFile(path) ? path : path.resolveSibling(path.getFileName() + ".example");
        Map<String, String> result = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        for (String line : read(file).lines().toList()) {
            String stripped = line.strip();
            int eq = stripped.indexOf('=');
            if (stripped.startsWith("#") || eq <= 0) {
                continue;
            }
            result.put(stripped.substring(0, eq).replaceFirst("^export\\s+", "").strip(),
                    unquote(stripped.substring(eq + 1).strip()));
        }
        return result;
    }

    /** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}. */
    private static String interpolate(String value, Map<String, String> variables) {
        return Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}").matcher(value).replaceAll(m -> {
            String set = variables.get(m.group(1));
            if (set != null && !(set.isEmpty() && m.group(2) != null && m.group(2).startsWith(":"))) {
                return Matcher.quoteReplacement(set);
            }
            boolean defaults = m.group(2) != null && m.group(2).endsWith("-");
            return Matcher.quoteReplacement(defaults ? m.group(3) : m.group());
        });
    }

    private static Integer containerPort(Object entry, Map<String, String> variables) {
        if (entry instanceof Map<?, ?> longSyntax) {
            return parseInt(interpolate(Yaml.string(longSyntax.get("target")), variables));
        }
        String spec = interpolate(Yaml.string(entry), variables);
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            spec = spec.substring(0, slash);
        }
        String[] parts = spec.split(":");
        return parseInt(parts[parts.length - 1]);
    }

    private static Integer parseInt(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void violation(Rule rule, String environment, String where, String message) {
        report.accept(new Violation(rule, environment, where, message));
    }
}
