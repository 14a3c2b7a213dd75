package io.dashtam.providers.connections;

import io.dashtam.providers.ConnectionService;
import io.dashtam.providers.ProviderType;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The provider registry: which provider types can be connected here. Not user data, but it needs a login. */
@RestController
class ProviderController {

    private final ConnectionService connections;

    ProviderController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/api/v1/providers")
    List<ProviderType> providers() {
        return connections.providers();
    }
}
