package io.dashtam.providers;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every user-scoped endpoint of the providers module, aimed at the owner's connections. */
public class ProvidersCrossUserFixture implements CrossUserFixture {

    public ProvidersCrossUserFixture() {
    }

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        String file = owner.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Owner file"))
                .json().get("id").asString();
        String schwab = owner.client().post("/api/v1/connections",
                Map.of("provider", "sandbox", "alias", "Owner sandbox")).json().get("id").asString();
        String simplefin = owner.client().post("/api/v1/connections",
                Map.of("provider", "simplefin", "alias", "Owner banks")).json().get("id").asString();
        String c = "/api/v1/connections/";
        Map<String, Request> requests = new LinkedHashMap<>();
        // The registry is the same for everyone: B gets it, and nothing of A's in it.
        requests.put("GET /api/v1/providers", Request.self("GET", "/api/v1/providers", null, Set.of(file, schwab)));
        // Creating is scoped to the caller: B's new connection is B's, whatever alias A used.
        requests.put("POST /api/v1/connections", Request.self("POST", "/api/v1/connections",
                "{\"provider\":\"file\",\"alias\":\"Owner file\"}", Set.of(file, schwab)));
        requests.put("GET /api/v1/connections", Request.list("/api/v1/connections", Set.of(file, schwab)));
        requests.put("GET /api/v1/connections/{id}", Request.single("GET", c + file, null));
        requests.put("PATCH /api/v1/connections/{id}", Request.single("PATCH", c + file, "{\"alias\":\"Taken\"}"));
        requests.put("DELETE /api/v1/connections/{id}", Request.single("DELETE", c + file, null));
        requests.put("GET /api/v1/connections/{id}/authorization",
                Request.single("GET", c + schwab + "/authorization", null));
        requests.put("GET /api/v1/connections/{id}/authorization/redirect",
                Request.single("GET", c + schwab + "/authorization/redirect", null));
        requests.put("GET /api/v1/connections/{id}/token", Request.single("GET", c + schwab + "/token", null));
        requests.put("POST /api/v1/connections/{id}/token/refresh",
                Request.single("POST", c + schwab + "/token/refresh", null));
        requests.put("DELETE /api/v1/connections/{id}/token", Request.single("DELETE", c + schwab + "/token", null));
        // Another user's paste connection: not found before anything is claimed.
        requests.put("PUT /api/v1/connections/{id}/credential", Request.single("PUT", c + simplefin + "/credential",
                "{\"credential\":\"aHR0cHM6Ly9sb2NhbGhvc3Q6MS9jbGFpbS94\"}"));
        // Self-scoped: B creates its own connection (A's alias is free for B) and reads the shared registry;
        // neither answer may mention A's connections.
        Set<String> ownerMarks = Set.of(file, schwab, owner.userId(), owner.email());
        requests.put("POST /api/v1/connections", Request.self("POST", "/api/v1/connections",
                "{\"provider\":\"file\",\"alias\":\"Owner file\"}", ownerMarks));
        requests.put("GET /api/v1/providers", Request.self("GET", "/api/v1/providers", null, ownerMarks));
        return requests;
    }
}
