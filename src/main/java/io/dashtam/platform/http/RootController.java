package io.dashtam.platform.http;

import io.dashtam.platform.runtime.Environments;
import io.dashtam.platform.runtime.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** {@code GET /}: name, version and an index of the API built from the app's own request mappings. */
@RestController
class RootController {

    private final String version;
    private final String environment;
    private final boolean docs;
    private final RequestMappingHandlerMapping mappings;

    RootController(ObjectProvider<BuildProperties> build, Environment env,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.version = Versions.of(build);
        this.environment = Environments.name(env);
        this.docs = env.getProperty("springdoc.swagger-ui.enabled", Boolean.class, false);
        this.mappings = mappings;
    }

    @GetMapping("/")
    Map<String, Object> index() {
        Map<String, TreeSet<String>> api = new TreeMap<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> api.computeIfAbsent(p, k -> new TreeSet<>())
                        .addAll(info.getMethodsCondition().getMethods().stream().map(Enum::name).toList())));
        List<Map<String, Object>> endpoints = api.entrySet().stream()
                .map(e -> Map.<String, Object>of("path", e.getKey(), "methods", e.getValue())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Dashtam");
        body.put("version", version);
        body.put("environment", environment);
        body.put("health", "/health");
        if (docs) {
            body.put("docs", "/docs");
        }
        body.put("api", endpoints);
        return body;
    }
}
