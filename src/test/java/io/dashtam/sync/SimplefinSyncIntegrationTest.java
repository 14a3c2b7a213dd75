package io.dashtam.sync;

import io.dashtam.simplefin.FakeSimplefinBridge;
import io.dashtam.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the SimpleFIN sync tests against the strict fake bridge share: a bridge per test, the sync worker, the test's
 * user, and the user's connections deleted after the test.
 */
abstract class SimplefinSyncIntegrationTest extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    final FakeSimplefinBridge bridge = new FakeSimplefinBridge();
    Caller user;

    /** Deletes the test's connections: the class shares one database, and the next test runs every due job. */
    @AfterEach
    void closeBridgeAndDeleteConnections() {
        bridge.close();
        if (user != null) {
            user = SyncIT.relogin(api(), user);
            for (var c : user.client().get("/api/v1/connections").json()) {
                user.client().delete("/api/v1/connections/" + c.get("id").asString());
            }
        }
    }

    JsonNode lastRun(String id) {
        return SimplefinAnswers.lastRun(user, id);
    }
}
