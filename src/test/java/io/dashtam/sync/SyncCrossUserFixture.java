package io.dashtam.sync;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sync runs of the owner's brokerage connection: another user gets 404 for the connection and its runs. */
public class SyncCrossUserFixture implements CrossUserFixture {

    public SyncCrossUserFixture() {
    }

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        String connection = owner.client().post("/api/v1/connections",
                Map.of("provider", "sandbox", "alias", "Sync fixture sandbox")).json().get("id").asString();
        var run = owner.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        if (run.status() != 202) {
            throw new AssertionError("fixture sync request failed: " + run);
        }
        String syncs = "/api/v1/connections/" + connection + "/syncs";
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("POST /api/v1/connections/{id}/syncs", Request.single("POST", syncs, "{}"));
        requests.put("GET /api/v1/connections/{id}/syncs", Request.single("GET", syncs, null));
        requests.put("GET /api/v1/connections/{id}/syncs/{runId}",
                Request.single("GET", syncs + "/" + run.json().get("id").asString(), null));
        return requests;
    }
}
