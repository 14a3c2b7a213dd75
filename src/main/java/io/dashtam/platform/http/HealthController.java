package io.dashtam.platform.http;

import io.dashtam.platform.database.DatabaseGate;
import io.dashtam.platform.database.DatabaseOutageProperties;
import io.dashtam.platform.runtime.Versions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: overall status, database connectivity and version; 503 when the database is down. It
 * answers within {@code dashtam.database.outage.health-timeout}, never the pool's longer connection wait, so a
 * container HEALTHCHECK sees DOWN rather than its own timeout.
 */
@RestController
class HealthController {

    /** A check outlives its caller by at most the pool's connection timeout, so a few threads at most. */
    private static final Executor CHECKS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "health-db");
        thread.setDaemon(true);
        return thread;
    });

    private final JdbcClient jdbc;
    private final DatabaseGate gate;
    private final DatabaseOutageProperties properties;
    private final String version;

    HealthController(JdbcClient jdbc, DatabaseGate gate, DatabaseOutageProperties properties,
            ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        this.gate = gate;
        this.properties = properties;
        this.version = Versions.of(build);
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        boolean databaseUp = gate.isDown() ? gate.available() : selectOne();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", databaseUp ? "UP" : "DOWN");
        body.put("database", Map.of("status", databaseUp ? "UP" : "DOWN"));
        body.put("version", version);
        return ResponseEntity.status(databaseUp ? 200 : 503).body(body);
    }

    /**
     * Through the pool, as requests go; a check still waiting at the timeout ends on its own and reports to the gate.
     * A pool too busy to answer in time is not a database that is down: then a connection of the check's own says.
     */
    private boolean selectOne() {
        var check = CompletableFuture.supplyAsync(
                () -> Integer.valueOf(1).equals(jdbc.sql("SELECT 1").query(Integer.class).single()), CHECKS);
        try {
            return check.get(properties.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (io.dashtam.core.DatabaseOutages.busy(e.getCause())) {
                return gate.reachable();
            }
            gate.failed(e.getCause());
            return false;
        } catch (TimeoutException e) {
            return gate.reachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
