package io.dashtam.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health}: overall status, database connectivity and version; 503 when the database is down. */
@RestController
class HealthController {

    private final JdbcClient jdbc;
    private final String version;

    HealthController(JdbcClient jdbc, ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        this.version = Versions.of(build);
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        boolean databaseUp;
        try {
            databaseUp = Integer.valueOf(1).equals(jdbc.sql("SELECT 1").query(Integer.class).single());
        } catch (RuntimeException e) {
            databaseUp = false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", databaseUp ? "UP" : "DOWN");
        body.put("database", Map.of("status", databaseUp ? "UP" : "DOWN"));
        body.put("version", version);
        return ResponseEntity.status(databaseUp ? 200 : 503).body(body);
    }
}
