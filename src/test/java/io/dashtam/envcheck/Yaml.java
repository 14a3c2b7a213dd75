package io.dashtam.envcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Small helpers over snakeyaml-engine's plain Java object trees (maps, lists, scalars). */
final class Yaml {

    private Yaml() {
    }

    /** All documents of a (multi-document) YAML file, with YAML 1.1 merge keys ({@code <<}) applied. */
    static List<Object> loadAll(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Load load = new Load(LoadSettings.builder().setLabel(file.toString()).build());
        List<Object> documents = new ArrayList<>();
        for (Object document : load.loadAllFromString(text)) {
            if (document != null) {
                documents.add(applyMerges(document));
            }
        }
        return documents;
    }

    /**
     * snakeyaml-engine implements YAML 1.2, which has no merge key; Compose files use {@code <<: *anchor}
     * (Compose v1 and v2 both honour it), so apply it here: explicit keys win over merged ones.
     */
    @SuppressWarnings("unchecked")
    static Object applyMerges(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            Object merge = map.get("<<");
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    result.put(k, applyMerges(v));
                }
            });
            List<Object> sources = merge instanceof List<?> list ? (List<Object>) list
                    : merge == null ? List.of() : List.of(merge);
            for (Object source : sources) {
                if (applyMerges(source) instanceof Map<?, ?> merged) {
                    merged.forEach(result::putIfAbsent);
                }
            }
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(applyMerges(item)));
            return result;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Collections.emptyMap();
    }

    static List<Object> list(Object node) {
        if (node instanceof List<?> l) {
            return Collections.unmodifiableList(l);
        }
        return Collections.emptyList();
    }

    /** Follows a path of map keys; empty map when any step is missing or not a map. */
    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = map(current).get(key);
        }
        return map(current);
    }

    static String string(Object node) {
        return node == null ? null : Objects.toString(node);
    }

    static boolean isTrue(Object node) {
        return Boolean.TRUE.equals(node) || "true".equalsIgnoreCase(string(node));
    }

    /** A command in string or list form, as one string (for pattern checks). */
    static String commandText(Object node) {
        if (node instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(p -> parts.add(string(p)));
            return String.join(" ", parts);
        }
        return node == null ? "" : string(node);
    }
}
