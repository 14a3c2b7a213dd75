package io.dashtam.envcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The environment isolation checker: the seed's checklist, enforced on every compose file, every
 * Kubernetes manifest and every env example of a repository, plus rendered kustomize output.
 *
 * <ul>
 *   <li>{@code compose/<dir>/docker-compose.yml}: environment = directory name without {@code dashtam-};</li>
 *   <li>{@code deploy/k8s/base/*.yaml} (not kustomization.yaml): environment {@code k8s-base};</li>
 *   <li>rendered output (files, or directories of {@code *.yaml}): environment = file name without extension;</li>
 *   <li>{@code env/.env.*.example}: committed secrets;</li>
 *   <li>{@code docker/**}{@code /Dockerfile*}: keep-alive commands.</li>
 * </ul>
 *
 * <p>Run from the command line (exit 0 clean, 1 violations, 2 usage or I/O error):
 * {@code EnvironmentChecker [--root DIR] [RENDERED_FILE_OR_DIR...]}.
 */
public final class EnvironmentChecker {

    private final List<Violation> violations = new ArrayList<>();
    private final List<ComposeChecker.Claim> names = new ArrayList<>();
    private final List<ComposeChecker.Claim> ports = new ArrayList<>();
    private final Path root;
    private final AppWiring wiring;

    private EnvironmentChecker(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.wiring = new AppWiring(AppSettings.current(), violations::add);
    }

    /** Checks the repository at {@code root} and any rendered manifests; returns every violation found. */
    public static List<Violation> check(Path root, Collection<Path> rendered) {
        EnvironmentChecker checker = new EnvironmentChecker(root);
        checker.run(rendered);
        return List.copyOf(checker.violations);
    }

    private void run(Collection<Path> rendered) {
        for (Path file : files(root.resolve("compose"), 2, "docker-compose.yml", "docker-compose.yaml",
                "compose.yml", "compose.yaml")) {
            ComposeChecker compose = new ComposeChecker(file, display(file), violations::add);
            compose.check();
            wiring.compose(file, display(file), compose.environment(), root);
            names.addAll(compose.names());
            ports.addAll(compose.ports());
        }
        for (Path file : yamlFiles(root.resolve("deploy/k8s/base"))) {
            kubernetes(file, "k8s-base");
        }
        for (Path input : rendered) {
            for (Path file : Files.isDirectory(input) ? yamlFiles(input) : List.of(input)) {
                String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                kubernetes(file, name);
                wiring.kubernetes(file, display(file), name);
            }
        }
        for (Path file : files(root.resolve("env"), 1)) {
            if (file.getFileName().toString().matches("\\.env\\..+\\.example")) {
                envExample(file);
            }
        }
        for (Path file : files(root.resolve("docker"), 4)) {
            if (file.getFileName().toString().startsWith("Dockerfile")) {
                dockerfile(file);
            }
        }
        shared(names, Rule.SHARED_NAME);
        shared(ports, Rule.SHARED_HOST_PORT);
    }

    private void kubernetes(Path file, String environment) {
        KubernetesChecker k8s = new KubernetesChecker(file, display(file), environment, violations::add);
        k8s.check();
        names.addAll(k8s.names());
    }

    private void envExample(Path file) {
        String environment = file.getFileName().toString().replaceAll("^\\.env\\.|\\.example$", "");
        wiring.envExample(file, display(file), environment, root);
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).replaceFirst("^export\\s+", "").strip();
            String value = unquote(line.substring(eq + 1).strip());
            int lineNo = i + 1;
            Secrets.problem(key, value).ifPresent(p -> violations.add(
                    new Violation(Rule.COMMITTED_SECRET, environment, display(file) + ":" + lineNo, p)));
        }
    }

    private void dockerfile(Path file) {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            KeepAlive.find(line).ifPresent(found -> violations.add(new Violation(Rule.KEEP_ALIVE_COMMAND, "images",
                    display(file) + ":" + lineNo, "'" + found + "' keeps a container alive")));
        }
    }

    /** A value claimed by more than one environment. */
    private void shared(List<ComposeChecker.Claim> claims, Rule rule) {
        Map<String, List<ComposeChecker.Claim>> byValue = claims.stream().collect(Collectors.groupingBy(
                c -> c.kind() + " '" + c.value() + "'", TreeMap::new, Collectors.toList()));
        byValue.forEach((value, list) -> {
            TreeSet<String> environments = list.stream().map(ComposeChecker.Claim::environment)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (environments.size() > 1) {
                List<String> all = list.stream().map(ComposeChecker.Claim::location).distinct().toList();
                String locations = String.join(", ", all.subList(0, Math.min(4, all.size())))
                        + (all.size() > 4 ? " and " + (all.size() - 4) + " more" : "");
                violations.add(new Violation(rule, String.join("+", environments), locations,
                        value + " is used by " + environments));
            }
        });
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static List<Path> yamlFiles(Path dir) {
        return files(dir, 8).stream()
                .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                .filter(p -> !p.getFileName().toString().matches("kustomization\\.ya?ml"))
                .toList();
    }

    private static List<Path> files(Path dir, int depth, String... names) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> wanted = List.of(names);
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> wanted.isEmpty() || wanted.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void main(String[] args) {
        Path root = Path.of("");
        List<Path> rendered = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                System.err.println("usage: EnvironmentChecker [--root DIR] [RENDERED_FILE_OR_DIR...]");
                System.exit(2);
            } else {
                rendered.add(Path.of(args[i]));
            }
        }
        try {
            List<Violation> found = check(root, rendered);
            found.forEach(System.out::println);
            System.out.println(found.isEmpty() ? "environment isolation: OK"
                    : "environment isolation: " + found.size() + " violation(s)");
            System.exit(found.isEmpty() ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("environment isolation: " + e.getMessage());
            System.exit(2);
        }
    }
}
