package io.dashtam.envcheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Environment variables in compose's map form ({@code KEY: value}) or list form ({@code - KEY=value}). */
final class Environment {

    private Environment() {
    }

    static Map<String, String> entries(Object node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(Yaml.string(k), Yaml.string(v)));
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                String entry = Yaml.string(item);
                int eq = entry.indexOf('=');
                result.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        }
        return result;
    }
}
