package io.dashtam.providers.connections;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.ConnectionService;
import io.dashtam.providers.ConnectionView;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's connections: create, list, get, rename, delete. Another user's connection is simply not found. */
@RestController
@RequestMapping("/api/v1/connections")
public class ConnectionController {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ConnectionView create(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody ConnectionService.NewConnection body) {
        return connections.create(caller, body);
    }

    @GetMapping
    List<ConnectionView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return connections.list(caller);
    }

    @GetMapping("/{id}")
    ConnectionView get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return connections.get(caller, id);
    }

    @PatchMapping("/{id}")
    ConnectionView rename(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            @Valid @RequestBody ConnectionService.Rename body) {
        return connections.rename(caller, id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        connections.delete(caller, id);
    }

}
