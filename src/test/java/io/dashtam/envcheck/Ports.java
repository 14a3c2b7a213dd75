package io.dashtam.envcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Host ports of a compose {@code ports:} entry, short ("[ip:]host:container[/proto]") or long syntax. */
final class Ports {

    private Ports() {
    }

    static List<Integer> hostPorts(Object entry) {
        if (entry instanceof Map<?, ?> longSyntax) {
            Object published = longSyntax.get("published");
            return published == null ? List.of() : range(Secrets.resolveReferences(Yaml.string(published)));
        }
        String spec = Secrets.resolveReferences(Yaml.string(entry));
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            spec = spec.substring(0, slash);
        }
        if (spec.startsWith("[")) { // [::1]:8000:8000
            spec = spec.substring(spec.indexOf(']') + 2);
        }
        String[] parts = spec.split(":");
        if (parts.length < 2) {
            return List.of(); // container port only: Docker picks a free host port
        }
        return range(parts[parts.length - 2]);
    }

    private static List<Integer> range(String text) {
        List<Integer> result = new ArrayList<>();
        String[] bounds = text.strip().split("-");
        try {
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            for (int p = from; p <= to; p++) {
                result.add(p);
            }
        } catch (NumberFormatException e) {
            // an unresolved ${VAR}: not comparable statically, so not claimed
        }
        return result;
    }
}
