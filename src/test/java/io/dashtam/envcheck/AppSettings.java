package io.dashtam.envcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the application itself reads and serves, taken from the build rather than written down a second time:
 * <ul>
 *   <li>settings: every property of every {@code META-INF/spring-configuration-metadata.json} on the class path
 *       (the app's own, generated from its {@code @ConfigurationProperties} by the configuration processor, and
 *       Spring Boot's), as the environment variables Spring binds to it; the {@code ${VAR}} placeholders of the
 *       app's {@code application*.yml}; the names its code reads directly ({@code getProperty("DATABASE_URL")});
 *       the variables its image's Dockerfile uses; and the JVM's own ({@code JAVA_TOOL_OPTIONS});</li>
 *   <li>the listeners of {@code application.yml} (a {@code port} with a sibling {@code address}, such as the OAuth
 *       callback listener) with their defaults;</li>
 *   <li>the routes where a provider's OAuth redirect lands: GET routes of the app's controllers with a
 *       {@code {provider}} path variable.</li>
 * </ul>
 * Run from the repository root after a build (the test class path holds {@code target/classes}).
 */
final class AppSettings {

    /** Read by the JVM launcher, not by Spring. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern READ_BY_NAME = Pattern.compile("(?:getProperty|getenv)\\(\"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern DOCKERFILE_VAR = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]+)");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    /** A placeholder in application.yml: the property it sets, its variable and its default. */
    record Placeholder(String property, String variable, String defaultValue) {
    }

    /** A listener of the app: port, address and (optional) enabled properties. */
    record Listener(String name, String portProperty, String addressProperty, String enabledProperty) {
    }

    private static volatile AppSettings current;

    private final Set<String> exact = new TreeSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final Map<String, Placeholder> placeholders = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<PathPattern> callbackRoutes = new ArrayList<>();

    private AppSettings() {
    }

    /** The app in this checkout (loaded once). */
    static AppSettings current() {
        if (current == null) {
            synchronized (AppSettings.class) {
                if (current == null) {
                    AppSettings settings = new AppSettings();
                    settings.load(Path.of("").toAbsolutePath());
                    current = settings;
                }
            }
        }
        return current;
    }

    /** Whether the app (or its JVM or image) reads this environment variable. */
    boolean reads(String variable) {
        return exact.contains(variable) || prefixes.stream().anyMatch(variable::startsWith);
    }

    List<Listener> listeners() {
        return listeners;
    }

    /**
     * The value a property takes in an environment of variables: its own variable (Spring's relaxed binding
     * wins over application.yml), else the placeholder's variable, else the placeholder's default.
     */
    Optional<String> value(String property, Map<String, String> environment) {
        for (String name : envNames(property)) {
            if (environment.get(name) != null) {
                return Optional.of(environment.get(name));
            }
        }
        Placeholder placeholder = placeholders.get(property);
        if (placeholder == null) {
            return Optional.empty();
        }
        String set = environment.get(placeholder.variable());
        return Optional.ofNullable(set != null ? set : placeholder.defaultValue());
    }

    /** Whether a redirect path lands on a callback route of the app for this provider. */
    boolean servesCallback(String provider, String path) {
        PathContainer container = PathContainer.parsePath(path == null || path.isEmpty() ? "/" : path);
        for (PathPattern route : callbackRoutes) {
            PathPattern.PathMatchInfo match = route.matchAndExtract(container);
            if (match != null && provider.equals(match.getUriVariables().get("provider"))) {
                return true;
            }
        }
        return false;
    }

    String callbackRoutesText() {
        return callbackRoutes.stream().map(PathPattern::getPatternString).toList().toString();
    }

    static boolean isLoopback(String address) {
        return address != null && LOOPBACK.contains(address.strip().toLowerCase(Locale.ROOT));
    }

    /** Both names Spring's environment mapping binds to a property: DOTS_TO_UNDERSCORES without dashes, and with. */
    static List<String> envNames(String property) {
        String base = property.replace("[", ".").replace("]", "").toUpperCase(Locale.ROOT).replace('.', '_');
        return List.of(base.replace("-", ""), base.replace('-', '_'));
    }

    // ------------------------------------------------------------------------------------------------ loading

    private void load(Path root) {
        metadata();
        yamlPlaceholders();
        readByName(root.resolve("src/main/java"));
        dockerfiles(root.resolve("docker"));
        exact.addAll(JVM);
        callbackRoutes();
        if (placeholders.isEmpty() || callbackRoutes.isEmpty()) {
            throw new IllegalStateException("the app's settings or routes were not found on the class path "
                    + "(run from the repository root after a build): " + placeholders.size() + " placeholders, "
                    + callbackRoutes.size() + " callback routes");
        }
    }

    private void metadata() {
        JsonMapper json = JsonMapper.builder().build();
        int files = 0;
        boolean own = false;
        for (URL url : resources("META-INF/spring-configuration-metadata.json")) {
            files++;
            try (InputStream in = url.openStream()) {
                JsonNode tree = json.readTree(in);
                for (JsonNode property : tree.path("properties")) {
                    String name = property.path("name").asString();
                    own |= name.startsWith("dashtam.");
                    String type = property.path("type").asString("");
                    List<String> names = envNames(name);
                    if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                            || type.endsWith("[]")) {
                        names.forEach(n -> prefixes.add(n + "_"));
                    }
                    exact.addAll(names);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + url, e);
            }
        }
        if (files == 0 || !own) {
            throw new IllegalStateException("no spring-configuration-metadata.json with dashtam.* properties on the "
                    + "class path: build the app first (the configuration processor writes it)");
        }
    }

    private void yamlPlaceholders() {
        for (URL url : resources("application.yml")) {
            yaml(url);
        }
        for (String profile : List.of("dev", "test", "ci", "staging", "prod")) {
            for (URL url : resources("application-" + profile + ".yml")) {
                yaml(url);
            }
        }
    }

    private void yaml(URL url) {
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (Object document : new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadAllFromString(text)) {
                flatten("", document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v));
            String portKey = prefix.isEmpty() ? "port" : prefix + ".port";
            if (map.containsKey("port") && map.containsKey("address")) {
                listeners.add(new Listener(prefix, portKey, prefix + ".address",
                        map.containsKey("enabled") ? prefix + ".enabled" : null));
            }
        } else if (node != null) {
            String value = String.valueOf(node);
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                exact.add(m.group(1));
                if (m.start() == 0 && m.end() == value.length()) {
                    placeholders.putIfAbsent(prefix, new Placeholder(prefix, m.group(1), m.group(2)));
                }
            }
        }
    }

    private void readByName(Path sources) {
        if (!Files.isDirectory(sources)) {
            throw new IllegalStateException("no " + sources + ": run from the repository root");
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = READ_BY_NAME.matcher(Files.readString(file));
                while (m.find()) {
                    exact.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources, e);
        }
    }

    private void dockerfiles(Path docker) {
        Path file = docker.resolve("Dockerfile");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            Matcher m = DOCKERFILE_VAR.matcher(Files.readString(file));
            while (m.find()) {
                exact.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** GET routes of the app's own controllers (target/classes, not test classes) with a {provider} variable. */
    private void callbackRoutes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        PathPatternParser parser = PathPatternParser.defaultInstance;
        ClassLoader loader = AppSettings.class.getClassLoader();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.dashtam")) {
            String source = String.valueOf(((org.springframework.beans.factory.support.AbstractBeanDefinition)
                    candidate).getResource());
            if (source.contains("test-classes")) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            List<String> bases = paths(MergedAnnotations.from(type).get(RequestMapping.class));
            for (Method method : type.getDeclaredMethods()) {
                MergedAnnotation<RequestMapping> mapping = MergedAnnotations.from(method).get(RequestMapping.class);
                if (!mapping.isPresent()) {
                    continue;
                }
                RequestMethod[] methods = mapping.getEnumArray("method", RequestMethod.class);
                if (methods.length > 0 && !List.of(methods).contains(RequestMethod.GET)) {
                    continue;
                }
                for (String base : bases.isEmpty() ? List.of("") : bases) {
                    for (String path : paths(mapping)) {
                        String route = base + path;
                        if (route.contains("{provider}") && !route.contains("${")) {
                            callbackRoutes.add(parser.parse(route));
                        }
                    }
                }
            }
        }
    }

    private static List<String> paths(MergedAnnotation<RequestMapping> mapping) {
        if (!mapping.isPresent()) {
            return List.of();
        }
        List<String> result = new ArrayList<>(List.of(mapping.getStringArray("path")));
        if (result.isEmpty()) {
            result.addAll(List.of(mapping.getStringArray("value")));
        }
        return result.isEmpty() ? List.of("") : result;
    }

    private static List<URL> resources(String name) {
        try {
            Enumeration<URL> found = AppSettings.class.getClassLoader().getResources(name);
            return Collections.list(found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + name, e);
        }
    }

    /** For tests: the property→placeholder table. */
    Map<String, Placeholder> placeholders() {
        return new HashMap<>(placeholders);
    }
}
