package io.dashtam.envcheck;

import java.util.Map;

/** Whether a compose service {@code volumes:} entry is a Docker volume (named or anonymous), not a bind mount. */
final class Volumes {

    private Volumes() {
    }

    static boolean isVolume(Object entry) {
        if (entry instanceof Map<?, ?> longSyntax) {
            Object type = longSyntax.get("type");
            return type == null || "volume".equals(Yaml.string(type));
        }
        String spec = Yaml.string(entry);
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return true; // "/data": anonymous volume
        }
        String source = spec.substring(0, colon);
        return !(source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.startsWith("$"));
    }
}
