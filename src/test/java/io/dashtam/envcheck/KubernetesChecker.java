package io.dashtam.envcheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks Kubernetes manifests (kustomize base files or rendered overlays): every workload container has
 * requests and limits, runs as non-root with a read-only root filesystem, and long-running ones have
 * readiness and liveness probes; no Secret carries data in the repository; no literal secret in env or
 * ConfigMaps. Collects the namespaces an environment uses for the cross-environment comparison.
 */
final class KubernetesChecker {

    private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    private final Path file;
    private final String display;
    private final String environment;
    private final Consumer<Violation> report;
    private final List<ComposeChecker.Claim> names = new ArrayList<>();

    KubernetesChecker(Path file, String display, String environment, Consumer<Violation> report) {
        this.file = file;
        this.display = display;
        this.environment = environment;
        this.report = report;
    }

    List<ComposeChecker.Claim> names() {
        return names;
    }

    void check() {
        for (Object document : Yaml.loadAll(file)) {
            Map<String, Object> resource = Yaml.map(document);
            if ("List".equals(Yaml.string(resource.get("kind")))) {
                Yaml.list(resource.get("items")).forEach(item -> checkResource(Yaml.map(item)));
            } else {
                checkResource(resource);
            }
        }
    }

    private void checkResource(Map<String, Object> resource) {
        String kind = String.valueOf(resource.get("kind"));
        Map<String, Object> metadata = Yaml.map(resource.get("metadata"));
        String where = kind + "/" + metadata.get("name");
        String namespace = Yaml.string(metadata.get("namespace"));
        if (namespace != null) {
            claim(namespace, where);
        }
        if (kind.equals("Namespace")) {
            claim(Yaml.string(metadata.get("name")), where);
        }
        switch (kind) {
            case "Secret" -> {
                if (!Yaml.map(resource.get("data")).isEmpty() || !Yaml.map(resource.get("stringData")).isEmpty()) {
                    violation(Rule.COMMITTED_SECRET, where,
                            "a Secret with data in the repository; reference Secrets created out of band");
                }
            }
            case "ConfigMap" -> Yaml.map(resource.get("data")).forEach((key, value) ->
                    Secrets.problem(key, Yaml.string(value))
                            .ifPresent(p -> violation(Rule.COMMITTED_SECRET, where + " data", p)));
            case "CronJob" -> checkPod(where, Yaml.map(resource, "spec", "jobTemplate", "spec", "template", "spec"), false);
            case "Job" -> checkPod(where, Yaml.map(resource, "spec", "template", "spec"), false);
            case "Pod" -> {
                Map<String, Object> spec = Yaml.map(resource.get("spec"));
                String restart = Yaml.string(spec.get("restartPolicy"));
                checkPod(where, spec, restart == null || restart.equals("Always"));
            }
            default -> {
                if (LONG_RUNNING.contains(kind)) {
                    checkPod(where, Yaml.map(resource, "spec", "template", "spec"), true);
                }
            }
        }
    }

    private void checkPod(String where, Map<String, Object> pod, boolean longRunning) {
        Map<String, Object> podSecurity = Yaml.map(pod.get("securityContext"));
        for (String group : List.of("initContainers", "containers")) {
            for (Object item : Yaml.list(pod.get(group))) {
                Map<String, Object> container = Yaml.map(item);
                String at = where + " " + group + "/" + container.get("name");
                checkContainer(at, container, podSecurity, longRunning && group.equals("containers"));
            }
        }
    }

    private void checkContainer(String at, Map<String, Object> container, Map<String, Object> podSecurity,
                                boolean needsProbes) {
        if (needsProbes) {
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                if (Yaml.map(container.get(probe)).isEmpty()) {
                    violation(Rule.MISSING_PROBE, at, "no " + probe);
                }
            }
        }

        Map<String, Object> resources = Yaml.map(container.get("resources"));
        List<String> missing = new ArrayList<>();
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (Yaml.map(resources.get(section)).get(resource) == null) {
                    missing.add(section + "." + resource);
                }
            }
        }
        if (!missing.isEmpty()) {
            violation(Rule.MISSING_RESOURCES, at, "resources missing " + missing);
        }

        Map<String, Object> security = Yaml.map(container.get("securityContext"));
        Object nonRoot = security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot")
                : podSecurity.get("runAsNonRoot");
        Object user = security.containsKey("runAsUser") ? security.get("runAsUser") : podSecurity.get("runAsUser");
        if (!Yaml.isTrue(nonRoot)) {
            violation(Rule.MISSING_NON_ROOT, at, "runAsNonRoot is not true (container or pod securityContext)");
        } else if (user != null && "0".equals(Yaml.string(user))) {
            violation(Rule.MISSING_NON_ROOT, at, "runAsUser: 0 contradicts runAsNonRoot");
        }
        if (!Yaml.isTrue(security.get("readOnlyRootFilesystem"))) {
            violation(Rule.MISSING_READ_ONLY_ROOT, at, "securityContext.readOnlyRootFilesystem is not true");
        }

        String command = Yaml.commandText(container.get("command")) + " " + Yaml.commandText(container.get("args"));
        KeepAlive.find(command).ifPresent(found ->
                violation(Rule.KEEP_ALIVE_COMMAND, at, "'" + found + "' keeps a container alive"));

        for (Object item : Yaml.list(container.get("env"))) {
            Map<String, Object> env = Yaml.map(item);
            if (env.containsKey("value")) {
                Secrets.problem(Yaml.string(env.get("name")), Yaml.string(env.get("value")))
                        .ifPresent(p -> violation(Rule.COMMITTED_SECRET, at + " env", p));
            }
        }
    }

    private void claim(String namespace, String where) {
        names.add(new ComposeChecker.Claim("namespace", namespace, environment, display + " " + where));
    }

    private void violation(Rule rule, String where, String message) {
        report.accept(new Violation(rule, environment, display + " " + where, message));
    }
}
